using HeadlessCms.Api.ApiKeys;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.Infrastructure;

public static class OpenApi
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddCmsOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "HeadlessCms API",
                Version = "v1",
                Description = "Delivery API (public, published content only) and management API for editors. " +
                    "To write: click Authorize, paste your API key (X-Api-Key), then use the management operations with \"Try it out\".",
            });
            o.AddSecurityDefinition(ApiKeyAuthentication.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.HeaderName,
                Description = "An API key with the editor or admin role.",
            });
            o.OperationFilter<ManagementSecurityFilter>();
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
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
                ui.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "HeadlessCms API v1");
                ui.DocumentTitle = "HeadlessCms — editors' API";
                ui.EnablePersistAuthorization();
                ui.EnableTryItOutByDefault();
            });
        }
    }

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
}
