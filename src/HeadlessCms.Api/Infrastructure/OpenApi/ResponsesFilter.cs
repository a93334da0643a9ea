using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Every response an operation can give, described for the people reading Swagger UI: the ones the pipeline
/// adds (413/415 for bodies, 503 when the database is down), the sort values, and the headers that matter. Which
/// responses carry an ETag the features say (<see cref="OpenApiMetadata.WithETagOn{TResponse}"/>).
/// </summary>
internal sealed class ResponsesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var endpoint = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (endpoint.OfType<SortValuesMetadata>().FirstOrDefault() is { } sorts
            && operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "sort") is { } sort)
        {
            sort.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. sorts.Values.Select(v => JsonValue.Create(v)!)],
                Default = sorts.Default,
            };
            sort.Description = $"One field, '-' for descending. Default: {sorts.Default}." +
                (sorts.Searchable ? " relevance needs q and a PostgreSQL server (-relevance: best match first)." : string.Empty);
        }

        operation.Responses ??= [];
        var hasBody = operation.RequestBody is not null;
        if (hasBody)
        {
            operation.Responses.TryAdd("413", Problem(context));
            operation.Responses.TryAdd("415", Problem(context));
        }

        // A 400 needs something to be wrong with: a body, a query value, or a check in the handler. Delivery refuses
        // unknown query parameters (DeliveryQueryParameters), so every delivery operation can answer 400.
        var delivery = endpoint.OfType<DeliveryEndpointMetadata>().Any();
        if (!delivery && !hasBody && !(operation.Parameters?.Any(p => p.In == ParameterLocation.Query) ?? false) && !ReturnsValidationProblem(context.MethodInfo))
        {
            operation.Responses.Remove("400");
        }

        operation.Responses.TryAdd("503", Problem(context));
        // Any management write can meet a concurrent one on a unique value or on a row it refers to (a revision or an
        // audit entry of an article deleted meanwhile): DatabaseExceptionHandler answers 409.
        if (context.ApiDescription.HttpMethod is not ("GET" or "HEAD") && endpoint.OfType<ManagementEndpointMetadata>().Any())
        {
            operation.Responses.TryAdd("409", Problem(context));
        }

        var ordered = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (status, response) in ordered)
        {
            operation.Responses.Add(status, response);
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Description = Describe(status, concrete.Description);
            var schema = (concrete.Content?.Values.FirstOrDefault()?.Schema as OpenApiSchemaReference)?.Reference.Id;
            if (status is "201" or "202" or "301")
            {
                AddHeader(concrete, "Location", status switch
                {
                    "201" => "The URL of the new resource.",
                    "202" => "Where the outcome of the queued work shows up.",
                    _ => "The article's current URL.",
                }, required: true);
            }

            if (status == "304" || (status.StartsWith('2') && schema is not null && endpoint.OfType<ETaggedResponseMetadata>().Any(e => e.ResponseType.Name == schema)))
            {
                AddHeader(concrete, "ETag", "The current version: send it in If-None-Match (reads) or If-Match (writes).", required: true);
            }

            if (status == "200" && schema?.EndsWith("Paged", StringComparison.Ordinal) == true)
            {
                AddHeader(concrete, "Link", "The links of the envelope (first, prev, next, last) as an RFC 8288 Link header.", required: false);
            }

            if (status == "503")
            {
                AddHeader(concrete, "Retry-After", "Seconds to wait before retrying.", required: false);
            }
        }
    }

    private static bool ReturnsValidationProblem(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        return type == typeof(ValidationProblem) || (type.IsGenericType && type.GetGenericArguments().Contains(typeof(ValidationProblem)));
    }

    private static OpenApiResponse Problem(OperationFilterContext context) => new()
    {
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository) },
        },
    };

    private static void AddHeader(OpenApiResponse response, string name, string description, bool required)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        if (!response.Headers.ContainsKey(name))
        {
            HttpHeadersFilter.AddHeader(response, name, description, required);
        }
    }

    private static string Describe(string status, string? current) => status switch
    {
        "200" => "OK.",
        "201" => "Created.",
        "202" => "Accepted: queued; Location says where to follow it.",
        "204" => "Done; no content.",
        "301" => "Moved permanently: this is a former slug of an article that was renamed.",
        "304" => "Not modified: If-None-Match still matches the current ETag.",
        "400" => "Invalid input: a validation problem whose errors name each field (or a body that is not valid JSON).",
        "401" => "No API key, or an unknown or revoked one.",
        "403" => "The key's role may not do this (issuing keys needs admin).",
        "404" => "Not found.",
        "409" => "Conflict: the slug is taken, the resource is still in use, or a related resource changed at the same time; the detail says which.",
        "412" => "Precondition failed: If-Match does not match the current ETag (someone changed it since you read it).",
        "413" => "The request body is larger than 1 MB.",
        "414" => "The path is longer than 2,048 characters or the query string longer than 4,096.",
        "431" => "The request headers are larger than 32 KB in all.",
        "415" => "The body must be sent as application/json.",
        "429" => "Too many requests from this address or key (Cms:RateLimit); wait for Retry-After seconds.",
        "503" => "The database cannot be reached right now; retry shortly.",
        _ => current ?? status,
    };
}
