using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>String properties whose values are a fixed set ([property: AllowedValues]) get an enum.</summary>
internal sealed class AllowedValuesSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && context.MemberInfo?.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed)
        {
            concrete.Enum = [.. allowed.Values.Select(v => JsonValue.Create(v?.ToString())!)];
        }
    }
}
