using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// A nullable property whose type is another schema (ArticleDetail.summary, Navigation.previous) is
/// <c>oneOf: [{ $ref }, { type: "null" }]</c>: OpenAPI 3.1 has no <c>nullable</c>, a sibling of <c>$ref</c> cannot widen
/// what it refers to, and a single-schema allOf wrapper is what strict readers reject.
/// </summary>
internal sealed class NullableReferencesSchemaFilter : ISchemaFilter
{
    private readonly NullabilityInfoContext nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties })
        {
            return;
        }

        foreach (var member in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(member.Name);
            if (properties.TryGetValue(name, out var property) && property is OpenApiSchemaReference reference
                && nullability.Create(member).ReadState == NullabilityState.Nullable)
            {
                properties[name] = new OpenApiSchema { OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }] };
            }
        }
    }
}
