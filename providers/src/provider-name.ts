// Qard's technical provider names (shopify, sandbox_public, company_legal_fr). The same pattern is the
// program's config key, the resource's providerName and a URL path segment of the API, so it is kept
// narrow enough to need no escaping anywhere.
export const PROVIDER_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/** The fix to show next to a refused name. */
export const PROVIDER_NAME_HINT = "a Qard provider's technical name, like shopify or sandbox_public";

export function isProviderName(value: unknown): value is string {
  return typeof value === "string" && PROVIDER_NAME_PATTERN.test(value);
}
