import assert from "node:assert/strict";
import { test } from "node:test";
import { delivery, management, uniqueSlug } from "./env.js";

const cms = management();
const reader = delivery();

async function createDraft(title: string) {
  const slug = uniqueSlug("ts-client");
  const created = await cms.POST("/api/v1/manage/articles", {
    body: { title, slug, body: "Written from the **TypeScript** client. It has two sentences.", categoryId: 1 },
  });
  assert.equal(created.response.status, 201, JSON.stringify(created.error));
  assert.ok(created.data);
  return { article: created.data, etag: created.response.headers.get("ETag")! };
}

test("an editor's key creates a draft and publishes it; readers then see it", async () => {
  const { article, etag } = await createDraft("Typed client publishes");
  assert.equal(article.status, "draft");
  assert.match(etag, /^"\d+"$/);

  const hidden = await reader.GET("/api/v1/articles/{slug}", { params: { path: { slug: article.slug } } });
  assert.equal(hidden.response.status, 404, "a draft is not delivered");

  const published = await cms.POST("/api/v1/manage/articles/{id}/publish", {
    params: { path: { id: article.id } },
    body: {},
    headers: { "If-Match": etag },
  });
  assert.equal(published.response.status, 200, JSON.stringify(published.error));
  assert.equal(published.data?.status, "published");
  assert.notEqual(published.response.headers.get("ETag"), etag);

  const read = await reader.GET("/api/v1/articles/{slug}", { params: { path: { slug: article.slug } } });
  assert.equal(read.response.status, 200);
  assert.equal(read.data?.title, "Typed client publishes");
  assert.match(read.data!.bodyHtml, /<strong>TypeScript<\/strong>/);
});

test("management without a key answers 401 problem details", async () => {
  const anonymous = delivery();
  const { error, response } = await anonymous.GET("/api/v1/manage/articles");
  assert.equal(response.status, 401);
  assert.ok(error?.detail, "the problem says why");
});

test("a write with a stale If-Match answers 412 and changes nothing", async () => {
  const { article, etag } = await createDraft("Typed client concurrency");
  const request = { title: "First edit wins", slug: article.slug, body: article.body, categoryId: article.category.id };

  const first = await cms.PUT("/api/v1/manage/articles/{id}", {
    params: { path: { id: article.id } },
    body: request,
    headers: { "If-Match": etag },
  });
  assert.equal(first.response.status, 200, JSON.stringify(first.error));

  const stale = await cms.PUT("/api/v1/manage/articles/{id}", {
    params: { path: { id: article.id } },
    body: { ...request, title: "Second edit loses" },
    headers: { "If-Match": etag },
  });
  assert.equal(stale.response.status, 412);
  assert.equal(stale.response.headers.get("Content-Type"), "application/problem+json");
  assert.ok(stale.error?.detail, "the problem says why");

  const publishStale = await cms.POST("/api/v1/manage/articles/{id}/publish", {
    params: { path: { id: article.id } },
    body: {},
    headers: { "If-Match": etag },
  });
  assert.equal(publishStale.response.status, 412);

  const current = await cms.GET("/api/v1/manage/articles/{id}", { params: { path: { id: article.id } } });
  assert.equal(current.data?.title, "First edit wins");
  assert.equal(current.data?.status, "draft");
  assert.equal(current.response.headers.get("ETag"), first.response.headers.get("ETag"));
});
