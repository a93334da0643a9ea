using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Responses always carry every field (null where there is nothing), so each field of a response schema is
/// required, and the only ones; in request bodies only the non-nullable fields are.
/// </summary>
internal sealed class ResponseFieldsFilter : IDocumentFilter
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
                // And no field beyond them: a response validator (the test suite's) fails on any undeclared one.
                concrete.AdditionalPropertiesAllowed = false;
            }
        }
    }
}
