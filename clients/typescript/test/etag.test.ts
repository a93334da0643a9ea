import assert from "node:assert/strict";
import { test } from "node:test";
import { etagCache, REVALIDATED_HEADER } from "../src/index.js";
import { delivery, management, uniqueSlug } from "./env.js";

const path = "/api/v1/articles/{slug}" as const;

test("If-None-Match with the current ETag answers 304 without a body", async () => {
  const cms = delivery();
  const list = await cms.GET("/api/v1/articles", { params: { query: { pageSize: 1 } } });
  const slug = list.data!.items[0]!.slug;

  const first = await cms.GET(path, { params: { path: { slug } } });
  const etag = first.response.headers.get("ETag");
  assert.ok(etag, "articles are sent with an ETag");

  const again = await cms.GET(path, { params: { path: { slug } }, headers: { "If-None-Match": etag } });
  assert.equal(again.response.status, 304);
  assert.equal(again.data, undefined);
  assert.equal(again.response.headers.get("ETag"), etag);

  const other = await cms.GET(path, { params: { path: { slug } }, headers: { "If-None-Match": '"not-it"' } });
  assert.equal(other.response.status, 200);
});

test("etagCache() revalidates with If-None-Match, serves the remembered body on 304, and sees changes", async () => {
  const editor = management();
  const created = await editor.POST("/api/v1/manage/articles", {
    body: { title: "Cached by ETag", slug: uniqueSlug("ts-etag"), body: "Version one of the body.", categoryId: 1 },
  });
  assert.equal(created.response.status, 201, JSON.stringify(created.error));
  const article = created.data!;
  const published = await editor.POST("/api/v1/manage/articles/{id}/publish", {
    params: { path: { id: article.id } },
    body: {},
  });
  assert.equal(published.response.status, 200, JSON.stringify(published.error));

  const requests: Request[] = [];
  const cms = delivery({ middleware: [etagCache(), { onRequest: ({ request }) => void requests.push(request.clone()) }] });

  const first = await cms.GET(path, { params: { path: { slug: article.slug } } });
  assert.equal(first.response.status, 200);
  assert.equal(first.response.headers.get(REVALIDATED_HEADER), null);
  assert.equal(requests[0]?.headers.get("If-None-Match"), null);

  const second = await cms.GET(path, { params: { path: { slug: article.slug } } });
  assert.equal(requests[1]?.headers.get("If-None-Match"), first.response.headers.get("ETag"));
  assert.equal(second.response.headers.get(REVALIDATED_HEADER), "304");
  assert.deepEqual(second.data, first.data);

  const edited = await editor.PUT("/api/v1/manage/articles/{id}", {
    params: { path: { id: article.id } },
    body: { title: "Cached by ETag", slug: article.slug, body: "Version two of the body.", categoryId: 1 },
    headers: { "If-Match": published.response.headers.get("ETag")! },
  });
  assert.equal(edited.response.status, 200, JSON.stringify(edited.error));

  const third = await cms.GET(path, { params: { path: { slug: article.slug } } });
  assert.equal(third.response.status, 200);
  assert.equal(third.response.headers.get(REVALIDATED_HEADER), null, "a changed article is sent again");
  assert.match(third.data!.body, /Version two/);
});
