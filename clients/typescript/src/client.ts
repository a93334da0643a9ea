import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./generated/v1.js";

export type { components, paths };
export type Schemas = components["schemas"];
export type CmsClient = Client<paths>;

export interface CmsClientOptions {
  /** Where the API is served, e.g. "https://cms.example.com" (no trailing /api/v1: paths carry it). */
  baseUrl: string;
  /** An editor or admin key for /api/v1/manage/...; leave it out for the public delivery API. */
  apiKey?: string | undefined;
  /** A fetch of your own (Next.js's cached fetch, a test double's server, ...). Defaults to globalThis.fetch. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Middleware to register at once, e.g. `etagCache()`. */
  middleware?: Middleware[] | undefined;
}

/** A typed openapi-fetch client for the HeadlessCms API: `cms.GET("/api/v1/articles/{slug}", { params: { path: { slug } } })`. */
export function createCmsClient(options: CmsClientOptions): CmsClient {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.apiKey !== undefined) {
    headers["X-Api-Key"] = options.apiKey;
  }

  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  for (const m of options.middleware ?? []) {
    client.use(m);
  }

  return client;
}

/** The RFC 9457 body every error answers with (`errors` only on validation problems). */
export type Problem = Schemas["ProblemDetails"] & { errors?: Record<string, string[]> };

/** Thrown by the helpers when the API answers an error; carries the problem+json body. */
export class CmsError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    readonly url: string,
  ) {
    super(`${status} from ${url}: ${problem?.detail ?? problem?.title ?? "no problem details"}`);
    this.name = "CmsError";
  }

  static async from(response: Response): Promise<CmsError> {
    let problem: Problem | undefined;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = undefined;
    }

    return new CmsError(response.status, problem, response.url);
  }
}
