using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Infrastructure.Paging;

public enum CursorDirection
{
    After,
    Before,
    Last,
}

/// <summary>What a cursor holds: where to continue, and which sort and filters it was made for.</summary>
public sealed record Cursor(
    [property: JsonPropertyName("d")] CursorDirection Direction,
    [property: JsonPropertyName("s")] string Sort,
    [property: JsonPropertyName("f")] string Filter,
    [property: JsonPropertyName("k")] string? Key,
    [property: JsonPropertyName("i")] int Id);

/// <summary>Cursors are opaque to clients: base64url JSON plus an HMAC, so a tampered one is refused, not obeyed.</summary>
public sealed class CursorCodec(IOptions<CmsOptions> options)
{
    private readonly byte[] signingKey = Encoding.UTF8.GetBytes(options.Value.CursorSigningKey);

    public string Encode(Cursor cursor)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(cursor);
        return Base64UrlEncode(payload) + "." + Base64UrlEncode(Sign(payload));
    }

    public Cursor? Decode(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || text.Length > 2000)
        {
            return null;
        }

        try
        {
            var payload = Base64UrlDecode(text[..dot]);
            var signature = Base64UrlDecode(text[(dot + 1)..]);
            if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
            {
                return null;
            }

            return JsonSerializer.Deserialize<Cursor>(payload);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(signingKey, payload)[..16];

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
