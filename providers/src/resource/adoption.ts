import type { QardProvider } from "../qard/index.ts";
import type { ProviderInputs } from "./state.ts";

// Adoption: `pulumi import` does not work for dynamic resources, so a create meets whatever Qard already
// holds for the provider and takes it over. What Qard reports cannot tell a provider configured by hand from
// a fresh one, except by `enabled` (an enabled provider is in use); credentials are write-only, so a
// disabled provider with credentials set by hand is taken over without notice.

/** True when creating a configuration for `live` takes over a provider that is already in use. */
export function isTakeover(live: QardProvider): boolean {
  return live.enabled;
}

/** The preview-time warning: which provider, and what the create will change in it. */
export function adoptionNotice(live: QardProvider, inputs: ProviderInputs): string {
  const changes: string[] = [];
  if (!inputs.enabled) changes.push("enabled: true => false");
  for (const [key, value] of Object.entries(inputs.settings)) {
    if (live.settings[key] !== undefined && live.settings[key] !== value) {
      changes.push(`settings.${key}: ${String(live.settings[key])} => ${String(value)}`);
    }
  }
  const hasCredentials = inputs.credentials !== undefined || inputs.credentialsRef !== undefined;
  if (hasCredentials) changes.push("credentials: overwritten with the stack's");
  const what = changes.length > 0 ? changes.join(", ") : "nothing else changes";
  return (
    `Qard provider "${live.name}" is already enabled in Qard: creating this resource takes it over (${what}). ` +
    `To refuse, set the resource option adoptExisting: false.`
  );
}

/** Why a create with `adoptExisting: false` stops before any write. */
export function adoptionRefusal(live: QardProvider): string {
  return (
    `Qard provider "${live.name}" is already enabled in Qard and adoptExisting is false: nothing was written. ` +
    `Disable it in Qard first, or allow the takeover (adoptExisting: true, the default).`
  );
}
