namespace HeadlessCms.Api.Webhooks;

/// <summary>The verification recipe, shown in Swagger UI.</summary>
internal static class WebhookDocs
{
    public const string Create =
        "Registers a receiver. The response's `secret` (`whsec_` + base64 of 32 random bytes) is shown once.\n\n" + Requests;

    /// <summary>What a receiver gets (also the description of the document's webhooks entry).</summary>
    public const string Requests =
        "Requests follow the Standard Webhooks specification (https://www.standardwebhooks.com), so an existing library " +
        "verifies them: `POST` with `Content-Type: application/json` and the headers\n" +
        "- `webhook-id`: the message id, the same on every retry of one event (de-duplicate on it);\n" +
        "- `webhook-timestamp`: Unix seconds when this attempt was sent (reject ones too far from now, e.g. 5 minutes);\n" +
        "- `webhook-signature`: `v1,` + base64(HMAC-SHA256(key, `{webhook-id}.{webhook-timestamp}.{body}`)), where key is " +
        "the bytes the secret's base64 part (after `whsec_`) decodes to, and body is the raw request body. Compare in constant time.\n\n" +
        "Body: `{ id, sequence, type, occurredAt, actor { keyId, name } | null, data { id, slug, previousSlug?, category?, visible, url? } }`.\n\n" +
        "Delivery is at least once: any 2xx is success; anything else, a timeout (Cms:Webhooks:TimeoutSeconds, 10) or a " +
        "connection error is retried with exponential back-off and jitter (about 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, then " +
        "every 3 h, for 24 h), then marked failed. Redirects are not followed. A webhook that has only failed for 24 h is " +
        "disabled (see disabledReason). The URL must be https on a public address (Cms:Webhooks:AllowPrivateNetworks=true " +
        "lifts this for local development); the address is checked again at every connection.";
}
