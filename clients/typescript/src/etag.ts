import type { Middleware } from "openapi-fetch";

/** A representation kept for revalidation: the body exactly as received, with its validator. */
export interface CachedRepresentation {
  etag: string;
  body: string;
  contentType: string;
}

/** Where `etagCache` keeps representations; a Map works, so does anything with the same two methods. */
export interface ETagStore {
  get(url: string): CachedRepresentation | undefined;
  set(url: string, entry: CachedRepresentation): void;
  delete(url: string): void;
}

export interface ETagCacheOptions {
  store?: ETagStore;
  /** With the default store: how many URLs to keep (oldest dropped first). */
  maxEntries?: number;
}

/** The header a revalidated response carries, so callers can tell a 304 happened. */
export const REVALIDATED_HEADER = "x-cms-revalidated";

/**
 * openapi-fetch middleware for conditional GET: remembers each response's ETag and body, sends If-None-Match the
 * next time the same URL is read, and turns the server's 304 back into the remembered 200 (marked with
 * `x-cms-revalidated: 304`), so callers always get data while the server sends no body.
 * Node's fetch has no HTTP cache of its own; in a browser this saves the JSON parse work only.
 */
export function etagCache(options: ETagCacheOptions = {}): Middleware {
  const store = options.store ?? boundedStore(options.maxEntries ?? 500);
  return {
    onRequest({ request }) {
      if (request.method !== "GET" || request.headers.has("If-None-Match")) {
        return undefined;
      }

      const cached = store.get(request.url);
      if (cached) {
        request.headers.set("If-None-Match", cached.etag);
      }

      return request;
    },
    async onResponse({ request, response }) {
      if (request.method !== "GET") {
        return undefined;
      }

      const cached = store.get(request.url);
      if (response.status === 304 && cached && request.headers.get("If-None-Match") === cached.etag) {
        return new Response(cached.body, {
          status: 200,
          headers: { "Content-Type": cached.contentType, ETag: cached.etag, [REVALIDATED_HEADER]: "304" },
        });
      }

      const etag = response.headers.get("ETag");
      if (response.status === 200 && etag) {
        const body = await response.clone().text();
        store.set(request.url, { etag, body, contentType: response.headers.get("Content-Type") ?? "application/json" });
      } else if (response.status === 200) {
        store.delete(request.url);
      }

      return undefined;
    },
  };
}

/** A Map that forgets its oldest entries past `max` (insertion order doubles as recency: reads re-insert). */
function boundedStore(max: number): ETagStore {
  const map = new Map<string, CachedRepresentation>();
  return {
    get(url) {
      const entry = map.get(url);
      if (entry) {
        map.delete(url);
        map.set(url, entry);
      }

      return entry;
    },
    set(url, entry) {
      map.delete(url);
      map.set(url, entry);
      while (map.size > max) {
        map.delete(map.keys().next().value as string);
      }
    },
    delete(url) {
      map.delete(url);
    },
  };
}
