import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { test } from "node:test";
import { verifyWebhook, WebhookVerificationError } from "../src/index.js";

// Signed here with node:crypto exactly as the Standard Webhooks spec says (not with the library under test):
// base64(HMAC-SHA256(key = base64-decoded secret after "whsec_", msg = "{id}.{timestamp}.{body}")), sent as "v1,<sig>".
const key = randomBytes(32);
const secret = `whsec_${key.toString("base64")}`;

function sign(id: string, timestamp: number, body: string, signingKey = key) {
  const signature = createHmac("sha256", signingKey).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": `v1,${signature}` };
}

const body = JSON.stringify({ type: "article.published", timestamp: "2026-01-01T00:00:00Z", data: { id: 7, slug: "x" } });
const now = () => Math.floor(Date.now() / 1000);

test("a delivery signed per the spec verifies from fetch Headers and from Node's header object", () => {
  const headers = sign("msg_1", now(), body);

  const fromFetch = verifyWebhook<{ type: string; data: { id: number } }>(secret, body, new Headers(headers));
  assert.equal(fromFetch.type, "article.published");
  assert.equal(fromFetch.data.id, 7);

  // Node's req.headers: lower-case names; a rotated secret adds a second signature, space-separated.
  const other = createHmac("sha256", randomBytes(32)).update("x").digest("base64");
  const nodeHeaders = { ...headers, "webhook-signature": `v1,${other} ${headers["webhook-signature"]}`, host: "x" };
  assert.deepEqual(verifyWebhook(secret, Buffer.from(body), nodeHeaders), JSON.parse(body));
});

test("a changed body, another secret, a stale timestamp or a missing header is refused", () => {
  const headers = sign("msg_2", now(), body);
  const refused = (fn: () => unknown) => assert.throws(fn, WebhookVerificationError);

  refused(() => verifyWebhook(secret, body.replace("7", "8"), headers));
  refused(() => verifyWebhook(`whsec_${randomBytes(32).toString("base64")}`, body, headers));
  refused(() => verifyWebhook(secret, body, sign("msg_3", now() - 600, body)));
  refused(() => verifyWebhook(secret, body, sign("msg_4", now() + 600, body)));
  refused(() => verifyWebhook(secret, body, { ...headers, "webhook-id": "msg_other" }));
  const { ["webhook-signature"]: _dropped, ...unsigned } = headers;
  refused(() => verifyWebhook(secret, body, unsigned));
});
