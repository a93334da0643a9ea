import { CmsError } from "./client.js";

/** The one envelope every list answers with: `{ items, page, links { self, first, prev, next, last } }`. */
export interface Paged<T> {
  items: T[];
  links: { next?: string | null };
}

/** What an openapi-fetch call resolves to (only the parts the iterator needs). */
export interface FirstPage<P> {
  data?: P;
  error?: unknown;
  response: Response;
}

export interface FollowOptions {
  /** Headers for the follow-up requests (e.g. `{ "X-Api-Key": key }` on management lists). */
  headers?: HeadersInit;
  /** The fetch to follow `links.next` with; defaults to globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
  /** Stop after this many pages (a guard for very long lists). */
  maxPages?: number;
  signal?: AbortSignal;
}

/**
 * Every page of a list, following `links.next` until it is null. `links.next` is an absolute URL that keeps the
 * filters, sort and page size, and carries the signed cursor, so the follow-up requests need nothing else.
 */
export async function* pages<P extends Paged<unknown>>(
  first: FirstPage<P> | Promise<FirstPage<P>>,
  options: FollowOptions = {},
): AsyncGenerator<P, void, undefined> {
  const { data, error, response } = await first;
  if (data === undefined) {
    throw new CmsError(response.status, error as CmsError["problem"], response.url);
  }

  const fetchImpl = options.fetch ?? globalThis.fetch;
  const headers = new Headers(options.headers);
  headers.set("Accept", "application/json");
  let page: P = data;
  for (let n = 1; ; n++) {
    yield page;
    const next = page.links.next;
    if (!next || (options.maxPages !== undefined && n >= options.maxPages)) {
      return;
    }

    const res = await fetchImpl(next, { headers, ...(options.signal ? { signal: options.signal } : {}) });
    if (!res.ok) {
      throw await CmsError.from(res);
    }

    page = (await res.json()) as P;
  }
}

/** Every item of a list, across pages: `for await (const a of items(cms.GET("/api/v1/articles"))) ...`. */
export async function* items<T>(
  first: FirstPage<Paged<T>> | Promise<FirstPage<Paged<T>>>,
  options: FollowOptions = {},
): AsyncGenerator<T, void, undefined> {
  for await (const page of pages(first, options)) {
    yield* page.items;
  }
}
