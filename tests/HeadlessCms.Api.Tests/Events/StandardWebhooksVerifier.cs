using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HeadlessCms.Api.Tests.Events;

/// <summary>
/// A receiver's check of a Standard Webhooks request, written from the specification
/// (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md), sharing no product
/// code: the signed content is "{msg_id}.{timestamp}.{payload}", the key is the base64 after "whsec_", and the
/// header holds space-separated "v1,{base64}" signatures, any one of which may match.
/// </summary>
public static class StandardWebhooksVerifier
{
    public static bool Verify(string secret, string? id, string? timestamp, string? signatureHeader, string body, DateTimeOffset now)
    {
        if (id is null || timestamp is null || signatureHeader is null || !secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            return false;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes(id + "." + timestamp + "." + body));
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = candidate.Split(',', 2);
            if (parts.Length == 2 && parts[0] == "v1"
                && CryptographicOperations.FixedTimeEquals(expected, Convert.FromBase64String(parts[1])))
            {
                return true;
            }
        }

        return false;
    }
}
