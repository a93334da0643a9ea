using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Each group with the line on what it is for that its feature gives (<see cref="OpenApiMetadata.WithTag"/>), in the
/// order the groups are mapped (Program.cs: delivery first, then management, as an editor's day goes).
/// </summary>
internal sealed class TagsFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var described = context.ApiDescriptions.SelectMany(d => d.ActionDescriptor.EndpointMetadata.OfType<TagMetadata>())
            .DistinctBy(t => t.Name).ToList();
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet();
        var unknown = used.Except(described.Select(t => t.Name)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Tags without a description (give them with WithTag): {string.Join(", ", unknown)}.");
        }

        document.Tags = new HashSet<OpenApiTag>(described.Where(t => used.Contains(t.Name)).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
    }
}
