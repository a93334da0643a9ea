using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Delivery responses are cached per URL. A query parameter no operation reads (?bust=1) would make each request a new
/// cache entry and send every one of them to the database, so it is a 400 naming the parameter instead. The same goes
/// for letter case: every delivery path is lower case, and any other spelling is a 404 naming the right URL (never stored).
/// The parameters an operation accepts are the ones its OpenAPI description lists.
/// </summary>
public sealed class DeliveryQueryParameters(IApiDescriptionGroupCollectionProvider descriptions)
{
    private readonly ConcurrentDictionary<string, HashSet<string>> byEndpoint = new(StringComparer.Ordinal);

    public static async ValueTask<object?> RefuseUnknownAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var path = http.Request.Path.Value ?? string.Empty;
        if (HasUpperCaseLetter(path))
        {
            var canonical = http.Request.PathBase + new PathString(LowerOutsideEscapes(path)) + http.Request.QueryString;
            return Problems.NotFound($"Delivery URLs are lower case (slugs always are): use {canonical}.");
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

    /// <summary>Upper-case letters outside percent escapes (%2F stays as it is: it is the same path either way).</summary>
    private static bool HasUpperCaseLetter(string path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '%')
            {
                i += 2;
            }
            else if (char.IsAsciiLetterUpper(path[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string LowerOutsideEscapes(string path)
    {
        var chars = path.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '%')
            {
                i += 2;
            }
            else
            {
                chars[i] = char.ToLowerInvariant(chars[i]);
            }
        }

        return new string(chars);
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
