using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HeadlessCms.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Preview;

/// <summary>
/// Preview links: "article id, the article's creation time, expiry" signed with HMAC-SHA256. The key is derived from
/// Cms:CursorSigningKey (already the same on every instance), so any instance accepts a link another one made, and
/// nothing is stored. The creation time binds a token to that article even if a deleted article's id were reused.
/// </summary>
public sealed class PreviewTokens(IOptions<CmsOptions> options)
{
    private readonly byte[] key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.CursorSigningKey), "headlesscms-preview-v1"u8);

    public string Create(int articleId, DateTime articleCreatedAt, DateTimeOffset expiresAt)
    {
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{articleId}:{articleCreatedAt.Ticks}:{expiresAt.ToUnixTimeSeconds()}"));
        return Base64Url.Encode(payload) + "." + Base64Url.Encode(HMACSHA256.HashData(key, payload));
    }

    /// <summary>The token's article, or null when it is malformed, tampered with or expired (the caller does not say which).</summary>
    public (int ArticleId, long CreatedAtTicks)? Read(string token, DateTimeOffset now)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || token.Length > 300 || Base64Url.Decode(token[..dot]) is not { } payload
            || Base64Url.Decode(token[(dot + 1)..]) is not { } signature
            || !CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payload)))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(payload).Split(':');
        return parts.Length == 3
               && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var created)
               && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
               && now.ToUnixTimeSeconds() < expires
            ? (id, created)
            : null;
    }

    private static class Base64Url
    {
        public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        /// <summary>
        /// Only the canonical spelling: the last character's unused low bits could otherwise change (a "tampered" token
        /// that decodes to the same bytes), so a token has exactly one accepted form.
        /// </summary>
        public static byte[]? Decode(string text)
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            try
            {
                var bytes = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
                return string.Equals(Encode(bytes), text, StringComparison.Ordinal) ? bytes : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
