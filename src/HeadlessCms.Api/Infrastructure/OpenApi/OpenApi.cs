using Microsoft.OpenApi;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// The OpenAPI document (committed as openapi/v1.json) and Swagger UI, where editors work. The filters in this folder
/// describe what every endpoint shares; what belongs to one feature (tags, examples, ETags, sorts, the API key
/// scheme) the feature gives as endpoint metadata (<see cref="OpenApiMetadata"/>) or registers itself.
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
                Contact = new OpenApiContact { Name = "HeadlessCms maintainers (the newsroom platform team)" },
                License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
            });
            // Relative: the document is served by the API it describes, so "/" is wherever it was fetched from.
            o.AddServer(new OpenApiServer { Url = "/", Description = "The API that serves this document." });
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
            o.ParameterFilter<QueryParameterFilter>();
            o.SchemaFilter<AllowedValuesSchemaFilter>();
            o.SchemaFilter<ValidationRulesSchemaFilter>();
            o.SchemaFilter<NullableReferencesSchemaFilter>();
            o.OperationFilter<HttpHeadersFilter>();
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
        // OpenAPI 3.1: nullability is a JSON Schema type list, which strict readers (Ajv, Redocly) read the same way.
        app.UseSwagger(o => o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1);
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
}
