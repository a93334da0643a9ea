import { Webhook, WebhookVerificationError } from "standardwebhooks";

export { WebhookVerificationError };

/** Request headers as a fetch `Headers` (Next.js route handlers, Astro endpoints) or Node's `req.headers`. */
export type IncomingHeaders = Headers | Record<string, string | string[] | undefined>;

const signatureHeaders = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

/**
 * Verifies a Standard Webhooks delivery (webhook-id, webhook-timestamp, webhook-signature; HMAC-SHA256 with the
 * endpoint's `whsec_...` secret; timestamps older or newer than 5 minutes are refused) and returns the parsed body.
 * Pass the body exactly as received (`await request.text()`), not re-serialised JSON: one changed byte fails.
 * Throws WebhookVerificationError when anything does not match.
 */
export function verifyWebhook<T = unknown>(secret: string, rawBody: string | Uint8Array, headers: IncomingHeaders): T {
  const flat: Record<string, string> = {};
  for (const name of signatureHeaders) {
    const value = headers instanceof Headers ? headers.get(name) : pick(headers, name);
    if (value !== null && value !== undefined) {
      flat[name] = value;
    }
  }

  const payload = typeof rawBody === "string" ? rawBody : Buffer.from(rawBody);
  return new Webhook(secret).verify(payload, flat) as T;
}

function pick(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) {
      return Array.isArray(value) ? value.join(" ") : value;
    }
  }

  return undefined;
}
