using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Categories;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Api.Summaries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// The OpenAPI document (committed as openapi/v1.json) and Swagger UI, where editors work. Parameters that bind as
/// text (so a bad value gets a problem naming the field) are described here with the types and values they accept.
/// </summary>
public static class OpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = $"/swagger/{DocumentName}/swagger.json";

    private const string Description = """
        The newsroom's content API. **Delivery** operations (no key) serve published articles, categories and
        summaries to websites and apps. **Management** operations (`/api/v1/manage/...`) are for editors and need an API key.

        **Writing from this page**
        1. Click **Authorize**, paste your API key into `X-Api-Key` and confirm.
        2. `POST /api/v1/manage/categories` if the category you need does not exist yet; note its `id`.
        3. `POST /api/v1/manage/articles` with a title, Markdown body and that `categoryId`: the article is created as a draft (201).
        4. `POST /api/v1/manage/articles/{id}/publish` publishes it now (or schedules it with `publishAt`).
        5. `PUT /api/v1/manage/articles/{id}/summary` sets the summary readers see behind "No time to read? Get a summary".

        **Good to know**
        - Errors are RFC 9457 problem details (`application/problem+json`); invalid fields are listed in `errors`, keyed by field name.
        - Writes answer with an `ETag`; send it back in `If-Match` so you never overwrite a colleague's change (412 if it changed).
        - Lists answer `{ items, page, links }`: follow `links.next` / `links.prev`, or add `page=N` for numbered pages with totals.
        - Times are ISO 8601 in UTC (`2026-03-01T08:00:00Z`).
        """;

    public static IServiceCollection AddCmsOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "HeadlessCms API",
                Version = "v1",
                Description = Description,
            });
            o.AddSecurityDefinition(ApiKeyAuthentication.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.HeaderName,
                Description = "An API key with the editor or admin role (`Authorization: Bearer <key>` is accepted too). Ask an admin for one.",
            });
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
            // Lets a nullable property that refers to another schema say so (allOf + nullable in OpenAPI 3.0).
            o.UseAllOfToExtendReferenceSchemas();
            o.ParameterFilter<QueryParameterFilter>();
            o.SchemaFilter<AllowedValuesSchemaFilter>();
            o.OperationFilter<ManagementSecurityFilter>();
            o.OperationFilter<ResponsesFilter>();
            o.OperationFilter<RequestExamplesFilter>();
            o.DocumentFilter<ResponseFieldsFilter>();
            o.DocumentFilter<TagsFilter>();
            var xml = Path.Combine(AppContext.BaseDirectory, "HeadlessCms.Api.xml");
            if (File.Exists(xml))
            {
                o.IncludeXmlComments(xml);
            }
        });
        return services;
    }

    public static void UseCmsOpenApi(this WebApplication app, CmsOptions cms)
    {
        app.UseSwagger();
        if (cms.SwaggerUi.Enabled != false)
        {
            app.UseSwaggerUI(ui =>
            {
                ui.SwaggerEndpoint(DocumentPath, "HeadlessCms API v1");
                ui.DocumentTitle = "HeadlessCms API: editors' workbench";
                ui.EnablePersistAuthorization();
                ui.EnableTryItOutByDefault();
                ui.DisplayRequestDuration();
            });
        }
    }

    /// <summary>Documents the sort values a list accepts (they are checked by the pager, which answers 400 otherwise).</summary>
    /// <param name="builder">The list endpoint.</param>
    /// <param name="sorts">Its sort options.</param>
    /// <param name="searchable">True where q is accepted, which adds relevance ranking on PostgreSQL.</param>
    public static RouteHandlerBuilder WithSortValues<TEntity>(this RouteHandlerBuilder builder, SortOptions<TEntity> sorts, bool searchable = false) =>
        builder.WithMetadata(new SortValuesMetadata([.. sorts.Allowed, .. searchable ? RelevanceSorts : []], sorts.DefaultSort, searchable));

    private static readonly string[] RelevanceSorts = ["relevance", "-relevance"];

    private sealed record SortValuesMetadata(IReadOnlyList<string> Values, string Default, bool Searchable);

    /// <summary>The API key applies to management operations only; delivery stays open.</summary>
    private sealed class ManagementSecurityFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ManagementEndpointMetadata>().Any())
            {
                return;
            }

            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.Scheme, context.Document)] = [] }];
        }
    }

    /// <summary>
    /// Query values bind as text; this gives them the JSON names clients send (camelCase), the types they must parse
    /// as, and the values [AllowedValues] lists.
    /// </summary>
    private sealed class QueryParameterFilter : IParameterFilter
    {
        public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
        {
            if (parameter is not OpenApiParameter { In: ParameterLocation.Query } query || query.Name is null)
            {
                return;
            }

            query.Name = JsonNamingPolicy.CamelCase.ConvertName(query.Name);
            var description = query.Description ?? query.Schema?.Description;
            query.Schema = query.Name switch
            {
                "pageSize" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = PageRequestParser.MaxPageSize.ToString(), Default = PageRequestParser.DefaultPageSize },
                "page" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" },
                "includeTotal" or "replace" => new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = false },
                                _ => new OpenApiSchema { Type = JsonSchemaType.String },
            };
            query.Description = description;
            if (query.Name is "publishedFrom" or "publishedTo")
            {
                query.Example = "2026-01-31T08:00:00Z";
            }

            var allowed = context.PropertyInfo?.GetCustomAttribute<AllowedValuesAttribute>()
                ?? context.ParameterInfo?.GetCustomAttribute<AllowedValuesAttribute>();
            if (allowed is not null)
            {
                ((OpenApiSchema)query.Schema).Enum = [.. allowed.Values.Select(v => JsonValue.Create(v?.ToString())!)];
            }
        }
    }

    /// <summary>String properties whose values are a fixed set ([property: AllowedValues]) get an enum.</summary>
    private sealed class AllowedValuesSchemaFilter : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is OpenApiSchema concrete && context.MemberInfo?.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed)
            {
                concrete.Enum = [.. allowed.Values.Select(v => JsonValue.Create(v?.ToString())!)];
            }
        }
    }

    /// <summary>
    /// Every response an operation can give, described for the people reading Swagger UI: the ones the pipeline
    /// adds (413/415 for bodies, 503 when the database is down), the sort values, and the headers that matter.
    /// </summary>
    private sealed class ResponsesFilter : IOperationFilter
    {
        private static readonly string[] ETagSchemas = [nameof(ArticleDetail), nameof(ManagedArticle), nameof(ManagedCategory), nameof(ManagedSummaryResponse)];

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

            // A 400 needs something to be wrong with: a body, a query value, or a check in the handler.
            if (!hasBody && !(operation.Parameters?.Any(p => p.In == ParameterLocation.Query) ?? false) && !ReturnsValidationProblem(context.MethodInfo))
            {
                operation.Responses.Remove("400");
            }

            operation.Responses.TryAdd("503", Problem(context));
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
                if (status is "201" or "301")
                {
                    AddHeader(concrete, "Location", status == "201" ? "The URL of the new resource." : "The article's current URL.");
                }

                if (status == "304" || (status.StartsWith('2') && schema is not null && ETagSchemas.Contains(schema)))
                {
                    AddHeader(concrete, "ETag", "The current version: send it in If-None-Match (reads) or If-Match (writes).");
                }

                if (status == "200" && schema?.EndsWith("Paged", StringComparison.Ordinal) == true)
                {
                    AddHeader(concrete, "Link", "The links of the envelope (first, prev, next, last) as an RFC 8288 Link header.");
                }

                if (status == "503")
                {
                    AddHeader(concrete, "Retry-After", "Seconds to wait before retrying.");
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

        private static void AddHeader(OpenApiResponse response, string name, string description)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }

        private static string Describe(string status, string? current) => status switch
        {
            "200" => "OK.",
            "201" => "Created.",
            "204" => "Done; no content.",
            "301" => "Moved permanently: this is a former slug of an article that was renamed.",
            "304" => "Not modified: If-None-Match still matches the current ETag.",
            "400" => "Invalid input: a validation problem whose errors name each field (or a body that is not valid JSON).",
            "401" => "No API key, or an unknown or revoked one.",
            "403" => "The key's role may not do this (issuing keys needs admin).",
            "404" => "Not found.",
            "409" => "Conflict: the slug is taken, or the resource is still in use; the detail says which.",
            "412" => "Precondition failed: If-Match does not match the current ETag (someone changed it since you read it).",
            "413" => "The request body is larger than 1 MB.",
            "415" => "The body must be sent as application/json.",
            "503" => "The database cannot be reached right now; retry shortly.",
            _ => current ?? status,
        };
    }

    /// <summary>A realistic request example for every body, so "Try it out" starts from something that works.</summary>
    private sealed class RequestExamplesFilter : IOperationFilter
    {
        private static readonly Dictionary<Type, (string Name, JsonNode Value)[]> Examples = new()
        {
            [typeof(ArticleRequest)] =
            [
                ("Article", new JsonObject
                {
                    ["title"] = "City council approves the 2027 budget",
                    ["body"] = "The council met on Monday evening and approved next year's budget by seven votes to two.\n\n"
                        + "## What changes\n\nLibrary hours are extended and two bus lines run every ten minutes.",
                    ["categoryId"] = 1,
                    ["author"] = "Jane Doe",
                    ["summary"] = "The council approved the 2027 budget: longer library hours and more frequent buses.",
                }),
            ],
            [typeof(CategoryRequest)] =
            [
                ("Category", new JsonObject { ["name"] = "Local politics", ["description"] = "Council, mayor and elections.", ["parentId"] = null }),
            ],
            [typeof(PublishRequest)] =
            [
                ("Publish now", new JsonObject()),
                ("Schedule", new JsonObject { ["publishAt"] = "2027-01-15T07:00:00Z" }),
            ],
            [typeof(SubmitRequest)] =
            [
                ("Submit", new JsonObject { ["note"] = "Ready for a read; the second quote still needs checking." }),
            ],
            [typeof(HeadlessCms.Api.Preview.PreviewRequest)] =
            [
                ("One hour", new JsonObject()),
                ("A day", new JsonObject { ["expiresInMinutes"] = 1440 }),
            ],
            [typeof(SummaryRequest)] =
            [
                ("Summary", new JsonObject { ["text"] = "The council approved the 2027 budget: longer library hours and more frequent buses." }),
            ],
            [typeof(ApiKeyRequest)] =
            [
                ("Editor key", new JsonObject { ["name"] = "Newsdesk laptop", ["role"] = "editor" }),
                ("Author key", new JsonObject { ["name"] = "Freelance: Sam Reyes", ["role"] = "author" }),
            ],
        };

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var bodyType = context.ApiDescription.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type;
            if (operation.RequestBody?.Content is not { } content || bodyType is null)
            {
                return;
            }

            if (!Examples.TryGetValue(bodyType, out var examples))
            {
                throw new InvalidOperationException($"{bodyType.Name} has no request example in {nameof(OpenApi)}.");
            }

            foreach (var media in content.Values.OfType<OpenApiMediaType>())
            {
                if (examples.Length == 1)
                {
                    media.Example = examples[0].Value.DeepClone();
                }
                else
                {
                    media.Examples = examples.ToDictionary(e => e.Name, e => (IOpenApiExample)new OpenApiExample { Summary = e.Name, Value = e.Value.DeepClone() });
                }
            }
        }
    }

    /// <summary>
    /// Responses always carry every field (null where there is nothing), so each field of a response schema is
    /// required; in request bodies only the non-nullable fields are.
    /// </summary>
    private sealed class ResponseFieldsFilter : IDocumentFilter
    {
        private static readonly HashSet<string> OptionalFieldSchemas = ["ProblemDetails", "HttpValidationProblemDetails"];

        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            var requests = new HashSet<string>();
            foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
            {
                foreach (var media in operation.RequestBody?.Content?.Values ?? [])
                {
                    // A nullable body is wrapped: { allOf: [ { $ref } ] }.
                    var schema = media.Schema is OpenApiSchema { AllOf: [var only] } ? only : media.Schema;
                    if (schema is OpenApiSchemaReference reference && reference.Reference.Id is { } id)
                    {
                        requests.Add(id);
                    }
                }
            }

            foreach (var (id, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (schema is OpenApiSchema { Properties: { Count: > 0 } properties } concrete && !requests.Contains(id) && !OptionalFieldSchemas.Contains(id))
                {
                    concrete.Required = new SortedSet<string>(properties.Keys, StringComparer.Ordinal);
                }
            }
        }
    }

    /// <summary>Groups in the order an editor's day goes, each with a line on what it is for.</summary>
    private sealed class TagsFilter : IDocumentFilter
    {
        private static readonly (string Name, string Description)[] Tags =
        [
            ("Articles (delivery)", "Published articles as readers see them. No key needed."),
            ("Categories (delivery)", "The section hierarchy (World > Europe) and each section's articles."),
            ("Summaries (delivery)", "\"No time to read?\" summaries, one article's or the digest of all."),
            ("Articles (management)", "Write, publish, schedule, unpublish and archive articles. Needs an API key."),
            ("Categories (management)", "Create, rename, move and delete categories. Needs an API key."),
            ("Summaries (management)", "Set, remove or generate an article's summary. Needs an API key."),
            ("API keys (admin)", "Issue and revoke API keys. Needs an admin key."),
            ("Revisions (management)", "Every saved version of an article: list, read, compare and restore. Needs an API key; authors restore only their own drafts."),
            ("Preview", "Read an unpublished article through a signed preview link; no API key, never cached."),
            ("Audit (admin)", "Who changed what, when: articles, categories and API keys. Needs an admin key."),
        ];

        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            var used = document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet();
            var unknown = used.Except(Tags.Select(t => t.Name)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException($"Tags without a description in {nameof(OpenApi)}: {string.Join(", ", unknown)}.");
            }

            document.Tags = new HashSet<OpenApiTag>(Tags.Where(t => used.Contains(t.Name)).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        }
    }
}
