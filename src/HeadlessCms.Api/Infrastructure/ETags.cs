using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace HeadlessCms.Api.Infrastructure;

public static class ETags
{
    public static string ForVersion(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// Null when If-Match is absent or matches; otherwise the caller answers 412. A malformed If-Match never matches.
    /// </summary>
    public static bool IfMatchFails(HttpRequest request, long currentVersion)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return false;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return true;
        }

        var current = new EntityTagHeaderValue(ForVersion(currentVersion));
        return !tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    /// <summary>The version a client's If-Match names, for the database's own concurrency check.</summary>
    public static long? IfMatchVersion(HttpRequest request)
    {
        if (EntityTagHeaderValue.TryParseList(request.Headers.IfMatch, out var tags) && tags.Count == 1
            && long.TryParse(tags[0].Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        return null;
    }

    public static bool IfNoneMatchHits(HttpRequest request, string etag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
}
