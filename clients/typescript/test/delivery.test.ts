import assert from "node:assert/strict";
import { test } from "node:test";
import { items, pages } from "../src/index.js";
import { delivery } from "./env.js";

const cms = delivery();

test("pages() follows links.next through the whole article list, in order, without repeats", async () => {
  const all = await cms.GET("/api/v1/articles", { params: { query: { pageSize: 100 } } });
  assert.equal(all.response.status, 200);
  const expected = all.data!.items.map((a) => a.slug);
  assert.ok(expected.length > 12, `the demo content has more than 12 visible articles, got ${expected.length}`);

  const seen: string[] = [];
  let pageCount = 0;
  for await (const page of pages(cms.GET("/api/v1/articles", { params: { query: { pageSize: 5 } } }))) {
    pageCount++;
    assert.ok(page.items.length <= 5);
    assert.equal(page.page.size, 5);
    seen.push(...page.items.map((a) => a.slug));
  }

  assert.deepEqual(seen, expected);
  assert.equal(pageCount, Math.ceil(expected.length / 5));
});

test("items() yields typed items across pages of a category, and maxPages stops early", async () => {
  const titles: string[] = [];
  for await (const article of items(
    cms.GET("/api/v1/categories/{slug}/articles", { params: { path: { slug: "world" }, query: { pageSize: 2 } } }),
  )) {
    assert.ok(["world", "europe"].includes(article.category.slug), `${article.slug} is in ${article.category.slug}`);
    titles.push(article.title);
  }

  assert.ok(titles.length > 2, "World (with Europe) spans more than one page of 2");
  assert.equal(new Set(titles).size, titles.length);

  let limited = 0;
  for await (const page of pages(cms.GET("/api/v1/articles", { params: { query: { pageSize: 2 } } }), { maxPages: 2 })) {
    limited += page.items.length;
  }

  assert.equal(limited, 4);
});

test("pages() throws the problem details when the first request fails", async () => {
  await assert.rejects(
    async () => {
      for await (const _ of pages(cms.GET("/api/v1/articles", { params: { query: { pageSize: 0 } } }))) {
        // never reached
      }
    },
    (error: Error & { status?: number; problem?: { errors?: Record<string, string[]> } }) => {
      assert.equal(error.name, "CmsError");
      assert.equal(error.status, 400);
      assert.ok(error.problem?.errors && Object.keys(error.problem.errors).length > 0, JSON.stringify(error.problem));
      return true;
    },
  );
});

test("an article of the seed comes with its body, summary and previous/next navigation", async () => {
  const list = await cms.GET("/api/v1/articles", { params: { query: { pageSize: 5 } } });
  const middle = list.data!.items[2]!;

  const { data: article, response } = await cms.GET("/api/v1/articles/{slug}", {
    params: { path: { slug: middle.slug } },
  });
  assert.equal(response.status, 200);
  assert.ok(article);
  assert.equal(article.title, middle.title);
  assert.match(article.bodyHtml, /<p>/);
  assert.ok(article.summary && article.summary.text.length > 0, "the seed's articles have summaries");

  const { previous, next } = article.navigation;
  assert.ok(previous && next, "a middle article has both neighbours");
  const before = await cms.GET("/api/v1/articles/{slug}", { params: { path: { slug: previous.slug } } });
  const after = await cms.GET("/api/v1/articles/{slug}", { params: { path: { slug: next.slug } } });
  assert.equal(before.data?.navigation.next?.slug, article.slug);
  assert.equal(after.data?.navigation.previous?.slug, article.slug);

  // "Get a summary": the button's own endpoint answers the same text.
  const summary = await cms.GET("/api/v1/articles/{slug}/summary", { params: { path: { slug: article.slug } } });
  assert.equal(summary.response.status, 200);
  assert.equal(summary.data?.text, article.summary.text);
});

test("an unknown slug answers a 404 problem through the typed error", async () => {
  const { data, error, response } = await cms.GET("/api/v1/articles/{slug}", {
    params: { path: { slug: "no-such-article-here" } },
  });
  assert.equal(data, undefined);
  assert.equal(response.status, 404);
  assert.equal(response.headers.get("Content-Type"), "application/problem+json");
  assert.equal(error?.status, 404);
});
