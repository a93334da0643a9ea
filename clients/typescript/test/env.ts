import { createCmsClient, type CmsClient, type CmsClientOptions } from "../src/index.js";

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the tests with \`npm test\`, which starts the API and sets it`);
  }

  return value;
}

export const baseUrl = required("HEADLESSCMS_API_URL");
export const apiKey = required("HEADLESSCMS_API_KEY");

export function delivery(options: Partial<CmsClientOptions> = {}): CmsClient {
  return createCmsClient({ baseUrl, ...options });
}

export function management(): CmsClient {
  return createCmsClient({ baseUrl, apiKey });
}

/** A slug no other test (or earlier run against the same API) uses. */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
