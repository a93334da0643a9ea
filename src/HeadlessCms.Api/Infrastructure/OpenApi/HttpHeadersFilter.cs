using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// The HTTP the pipeline speaks around the handlers, declared so generated clients and response validators know it:
/// conditional requests (If-None-Match and 304 on delivery reads, If-Match wherever 412 can answer), the caching
/// headers of delivery (<see cref="EndpointGroups.WithDelivery"/>) and management, and the rate limiter's 429
/// (<see cref="RateLimiting"/>) and request limits (413, 414, 431), which apply to every operation in the document.
/// </summary>
internal sealed class HttpHeadersFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        operation.Parameters ??= [];
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var management = metadata.OfType<ManagementEndpointMetadata>().Any();
        var delivery = metadata.OfType<DeliveryEndpointMetadata>().Any();
        var read = string.Equals(context.ApiDescription.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase);

        if (operation.Responses.ContainsKey("412"))
        {
            operation.Parameters.Add(Header("If-Match",
                "The ETag you read: the change is made only if the resource still has it (412 otherwise). Without it the change is unconditional."));
        }

        if (delivery && read)
        {
            operation.Parameters.Add(Header("If-None-Match", "An ETag you hold: 304 without a body while it is still current."));
            operation.Responses.TryAdd("304", new OpenApiResponse());
            foreach (var status in new[] { "200", "301", "304" })
            {
                if (operation.Responses.GetValueOrDefault(status) is OpenApiResponse response)
                {
                    AddHeader(response, "Cache-Control", "How long shared caches and browsers may keep this delivery response (public, max-age, stale-while-revalidate).", required: true);
                }
            }

            foreach (var status in new[] { "200", "304" })
            {
                AddHeader((OpenApiResponse)operation.Responses[status], "ETag", "The version of this response: send it in If-None-Match to get 304 while it is unchanged.", required: true);
            }
        }

        if (management)
        {
            foreach (var response in operation.Responses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).OfType<OpenApiResponse>())
            {
                AddHeader(response, "Cache-Control", "no-store: management responses are never cached.", required: true);
            }
        }

        foreach (var header in metadata.OfType<ResponseHeaderMetadata>())
        {
            if (operation.Responses.GetValueOrDefault(header.Status) is OpenApiResponse response)
            {
                AddHeader(response, header.Name, header.Description, header.Required);
            }
        }

        // The request limits (RequestLimitsMiddleware) and the rate limiter answer before any endpoint, on every path.
        foreach (var status in new[] { "413", "414", "429", "431" })
        {
            operation.Responses.TryAdd(status, new OpenApiResponse
            {
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository) },
                },
            });
        }

        AddHeader((OpenApiResponse)operation.Responses["429"], "Retry-After", "Seconds until the rate-limit window lets this client in again.", required: true);
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    internal static void AddHeader(OpenApiResponse response, string name, string description, bool required)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Required = required, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
    }
}
