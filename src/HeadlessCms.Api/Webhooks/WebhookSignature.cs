using System.Security.Cryptography;
using System.Text;

namespace HeadlessCms.Api.Webhooks;

/// <summary>Standard Webhooks signing (https://www.standardwebhooks.com): secrets, ids and signatures.</summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string MessageId(Guid id) => "msg_" + id.ToString("N");

    /// <summary>"v1," + base64 HMAC-SHA256 over "{id}.{timestamp}.{body}", keyed with the secret's decoded bytes.</summary>
    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        var signed = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
