using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace HeadlessCms.Api.Infrastructure;

public static class ETags
{
    public static string ForVersion(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Sends an editable resource's version as its ETag, for a later If-Match.</summary>
    public static void Set(HttpContext http, long version) => http.Response.Headers.ETag = ForVersion(version);

    /// <summary>
    /// True when If-Match is present and names none of the current ETag (the caller answers 412). A malformed If-Match never matches.
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

    /// <summary>
    /// Checks If-Match against the version read, then makes the database check it again at write time (the
    /// entity's Version is its concurrency token), so of two editors holding the same ETag only one can win.
    /// </summary>
    public static bool PreconditionHolds(HttpContext http, HeadlessCms.Data.CmsDbContext db, object entity, long currentVersion)
    {
        if (IfMatchFails(http.Request, currentVersion))
        {
            return false;
        }

        if (IfMatchVersion(http.Request) is { } expected)
        {
            db.Entry(entity).Property("Version").OriginalValue = expected;
        }

        return true;
    }

    public static bool IfNoneMatchHits(HttpRequest request, string etag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
}
