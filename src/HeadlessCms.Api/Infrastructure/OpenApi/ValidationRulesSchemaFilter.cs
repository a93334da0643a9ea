using System.Globalization;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// The limits a request body's validator enforces (NotEmpty, Length, MaximumLength, Matches, GreaterThan...) become
/// the schema's minLength, maxLength, pattern and minimum, read from the validator itself so the document and the
/// server never disagree. Rules with a When condition, and Must predicates, are not expressible and are left out.
/// </summary>
internal sealed class ValidationRulesSchemaFilter(IServiceScopeFactory scopes) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties })
        {
            return;
        }

        using var scope = scopes.CreateScope();
        if (scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(context.Type)) is not IValidator validator)
        {
            return;
        }

        foreach (var member in validator.CreateDescriptor().GetMembersWithValidators())
        {
            if (!properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(member.Key), out var found) || found is not OpenApiSchema property)
            {
                continue;
            }

            foreach (var (rule, component) in member)
            {
                if (!component.HasCondition && !component.HasAsyncCondition)
                {
                    Describe(property, rule);
                }
            }
        }
    }

    private static void Describe(OpenApiSchema property, IPropertyValidator rule)
    {
        switch (rule)
        {
            case INotEmptyValidator when property.Type?.HasFlag(JsonSchemaType.String) == true:
                property.MinLength = Math.Max(property.MinLength ?? 0, 1);
                break;
            case ILengthValidator length:
                if (length.Min > 0)
                {
                    property.MinLength = Math.Max(property.MinLength ?? 0, length.Min);
                }

                if (length.Max >= 0)
                {
                    property.MaxLength = Math.Min(property.MaxLength ?? int.MaxValue, length.Max);
                }

                break;
            case IRegularExpressionValidator regex:
                property.Pattern = ToEcmaScript(regex.Expression);
                break;
            case IComparisonValidator { ValueToCompare: int value, Comparison: var comparison }:
                var minimum = comparison switch
                {
                    Comparison.GreaterThan => value + 1,
                    Comparison.GreaterThanOrEqual => value,
                    _ => (int?)null,
                };
                if (minimum is not null)
                {
                    property.Minimum = minimum.Value.ToString(CultureInfo.InvariantCulture);
                }

                break;
        }
    }

    // JSON Schema patterns are ECMA-262: .NET's \A and \z anchors (used so "slug\n" cannot pass) are ^ and $ there,
    // where $ matches only at the very end.
    private static string ToEcmaScript(string expression) => expression.Replace(@"\A", "^", StringComparison.Ordinal).Replace(@"\z", "$", StringComparison.Ordinal);
}
