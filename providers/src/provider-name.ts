import { isIdentifier } from "./identifier.ts";

// Qard's technical provider names (shopify, sandbox_public, company_legal_fr). The name is the program's
// config key, the resource's providerName and a URL path segment of the API: it is an identifier (the one
// rule of identifier.ts), in lower case as Qard writes them.
export const PROVIDER_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,127}$/;

/** The fix to show next to a refused name. */
export const PROVIDER_NAME_HINT = "a Qard provider's technical name, like shopify or sandbox_public";

export function isProviderName(value: unknown): value is string {
  return isIdentifier(value) && PROVIDER_NAME_PATTERN.test(value);
}
