using HeadlessCms.Api.Infrastructure;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.ApiKeys;

/// <summary>API keys: authentication of management requests, the bootstrap admin key, and the key in the OpenAPI document.</summary>
public static class ApiKeysFeature
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddApiKeyAuthentication();
        services.AddStartupTask<BootstrapAdminKey>();
        services.ConfigureSwaggerGen(o =>
        {
            o.AddSecurityDefinition(ApiKeyAuthentication.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.HeaderName,
                Description = "An API key with the editor or admin role (`Authorization: Bearer <key>` is accepted too). Ask an admin for one.",
            });
            o.OperationFilter<ManagementSecurityFilter>();
        });
        return services;
    }

    /// <summary>The API key applies to management operations only; delivery stays open.</summary>
    private sealed class ManagementSecurityFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ManagementEndpointMetadata>().Any())
            {
                // Said explicitly (security: []), so readers need not infer that no document-wide scheme applies.
                operation.Security = [];
                return;
            }

            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.Scheme, context.Document)] = [] }];
        }
    }
}
