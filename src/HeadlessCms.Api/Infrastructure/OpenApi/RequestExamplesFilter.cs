using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// A realistic request example for every body, so "Try it out" starts from something that works. The features give
/// them (<see cref="OpenApiMetadata.WithRequestExamples{TBody}"/>); a body without one stops the document.
/// </summary>
internal sealed class RequestExamplesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var bodyType = context.ApiDescription.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type;
        if (operation.RequestBody?.Content is not { } content || bodyType is null)
        {
            return;
        }

        var examples = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestExamplesMetadata>()
            .FirstOrDefault(e => e.BodyType == bodyType)?.Examples
            ?? throw new InvalidOperationException($"{bodyType.Name} has no request example: add WithRequestExamples<{bodyType.Name}>(...) to its endpoints.");

        foreach (var media in content.Values.OfType<OpenApiMediaType>())
        {
            if (examples.Count == 1)
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
