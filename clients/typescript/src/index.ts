export { createCmsClient, CmsError } from "./client.js";
export type { CmsClient, CmsClientOptions, Problem, Schemas, components, paths } from "./client.js";
export { pages, items } from "./paging.js";
export type { Paged, FirstPage, FollowOptions } from "./paging.js";
export { etagCache, REVALIDATED_HEADER } from "./etag.js";
export type { CachedRepresentation, ETagStore, ETagCacheOptions } from "./etag.js";
export { verifyWebhook, WebhookVerificationError } from "./webhooks.js";
export type { IncomingHeaders } from "./webhooks.js";
