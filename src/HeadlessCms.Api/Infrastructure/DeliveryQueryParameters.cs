using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Delivery responses are cached per URL. A query parameter no operation reads (?bust=1) would make each request a new
/// cache entry and send every one of them to the database, so it is a 400 naming the parameter instead. The same goes
/// for letter case: every delivery path is lower case, and any other spelling is redirected to it (never stored).
/// The parameters an operation accepts are the ones its OpenAPI description lists.
/// </summary>
public sealed class DeliveryQueryParameters(IApiDescriptionGroupCollectionProvider descriptions)
{
    private readonly ConcurrentDictionary<string, HashSet<string>> byEndpoint = new(StringComparer.Ordinal);

    public static async ValueTask<object?> RefuseUnknownAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var path = http.Request.Path.Value ?? string.Empty;
        if (path.Any(char.IsAsciiLetterUpper))
        {
            var canonical = http.Request.PathBase + new PathString(path.ToLowerInvariant()) + http.Request.QueryString;
            return TypedResults.Redirect(canonical, permanent: true);
        }

        var accepted = http.RequestServices.GetRequiredService<DeliveryQueryParameters>().For(http.GetEndpoint());
        var unknown = http.Request.Query.Keys.FirstOrDefault(k => !accepted.Contains(k));
        if (unknown is null)
        {
            return await next(context);
        }

        var name = unknown.Length > 100 ? unknown[..100] : unknown;
        var list = accepted.Count == 0 ? "none" : string.Join(", ", accepted.Order(StringComparer.Ordinal));
        return Problems.Invalid(name, $"'{name}' is not a query parameter of this operation; it accepts: {list}.");
    }

    private HashSet<string> For(Endpoint? endpoint)
    {
        var name = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (name is null)
        {
            return [];
        }

        return byEndpoint.GetOrAdd(name, key => descriptions.ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .Where(d => d.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().Any(m => m.EndpointName == key))
            .SelectMany(d => d.ParameterDescriptions)
            .Where(p => p.Source == BindingSource.Query)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase));
    }
}
