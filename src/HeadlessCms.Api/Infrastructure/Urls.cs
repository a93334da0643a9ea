namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Absolute URLs of named endpoints, made by <see cref="LinkGenerator"/> from the route each endpoint is mapped with
/// (so no route string is written twice) and from the request (scheme, host and path base, forwarded headers included).
/// </summary>
public static class Urls
{
    // Satisfies any route constraint a slug or id parameter carries ({id:int} included).
    private const string Placeholder = "0";

    /// <summary>The endpoint's URL for some values of its route parameters.</summary>
    public static string Of(this LinkGenerator links, HttpContext http, string endpointName, object? values = null) =>
        links.GetUriByName(http, endpointName, values)
        ?? throw new InvalidOperationException($"No URL can be made for the endpoint '{endpointName}'.");

    /// <summary>
    /// The URL of an endpoint whose last segment is <paramref name="parameter"/>, without that segment, such as
    /// "https://host/api/v1/articles/": a list appends each row's slug or id (inside a database projection, too).
    /// </summary>
    public static string Prefix(this LinkGenerator links, HttpContext http, string endpointName, string parameter)
    {
        var url = links.Of(http, endpointName, new RouteValueDictionary { [parameter] = Placeholder });
        return url.EndsWith("/" + Placeholder, StringComparison.Ordinal)
            ? url[..^Placeholder.Length]
            : throw new InvalidOperationException($"The route of '{endpointName}' does not end with {{{parameter}}}.");
    }
}
