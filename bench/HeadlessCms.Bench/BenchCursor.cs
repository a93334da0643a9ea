using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeadlessCms.Bench;

/// <summary>
/// The API's paging cursor (src/HeadlessCms.Api/Infrastructure/Paging/CursorCodec.cs), rebuilt here so the
/// benchmark can start a page 500,000 rows deep without walking 25,000 pages. run.sh checks the API accepts it.
/// </summary>
public static class BenchCursor
{
    /// <summary>The filter fingerprint (Pager.FilterFingerprint: path, '?', non-paging parameters) of the article list without filters.</summary>
    public static readonly string NoFilters = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("/api/v1/articles?")), 0, 8);

    public static string After(string signingKey, string sort, string filter, DateTime key, int id) =>
        Encode(signingKey, new CursorPayload(0, sort, filter, key.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), id));

    public static string Encode(string signingKey, CursorPayload cursor)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(cursor);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), payload)[..16];
        return Base64Url(payload) + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <param name="Direction">0 = after, 1 = before, 2 = last (the API's CursorDirection).</param>
public sealed record CursorPayload(
    [property: JsonPropertyName("d")] int Direction,
    [property: JsonPropertyName("s")] string Sort,
    [property: JsonPropertyName("f")] string Filter,
    [property: JsonPropertyName("k")] string? Key,
    [property: JsonPropertyName("i")] int Id);
