using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;

namespace HeadlessCms.Api.Infrastructure.Paging;

/// <summary>Absolute URLs of the current list with other paging parameters; every other parameter is kept as sent.</summary>
internal sealed class PageLinkBuilder(HttpRequest request)
{
    private readonly string baseUrl = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path);

    public string Self() => UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, request.QueryString);

    public string WithPage(int page) => Build(("page", page.ToString(CultureInfo.InvariantCulture)));

    public string WithCursor(string? cursor) => cursor is null ? Build() : Build(("cursor", cursor));

    /// <summary>The envelope's links, repeated as an RFC 8288 Link header.</summary>
    public static void WriteLinkHeader(HttpResponse response, PageLinks links)
    {
        var header = new List<string>(4);
        foreach (var (rel, url) in new[] { ("first", links.First), ("prev", links.Prev), ("next", links.Next), ("last", links.Last) })
        {
            if (url is not null)
            {
                header.Add($"<{url}>; rel=\"{rel}\"");
            }
        }

        response.Headers.Link = string.Join(", ", header);
    }

    private string Build(params (string Key, string Value)[] paging)
    {
        var query = new QueryBuilder();
        foreach (var pair in request.Query.Where(p => !string.Equals(p.Key, "page", StringComparison.OrdinalIgnoreCase) && !string.Equals(p.Key, "cursor", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var value in pair.Value)
            {
                query.Add(pair.Key, value ?? string.Empty);
            }
        }

        foreach (var (key, value) in paging)
        {
            query.Add(key, value);
        }

        return baseUrl + query.ToQueryString();
    }
}
