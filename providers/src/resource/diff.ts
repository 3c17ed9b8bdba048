import { CREDENTIAL_FIELDS } from "./credential-fields.ts";
import type { ProviderInputs, ProviderOutputs } from "./state.ts";

/** The properties `diff` compares, in the order Qard must be written. */
export const DIFFED_PROPERTIES = [
  "providerName",
  "account",
  ...CREDENTIAL_FIELDS,
  "settings",
  "enabled",
  "schemaVersion",
] as const;
export type DiffedProperty = (typeof DIFFED_PROPERTIES)[number];

export interface ConfigDiff {
  changed: DiffedProperty[];
  replaces: DiffedProperty[];
  /** The write-only credentials must be sent again. */
  credentialsChanged: boolean;
  settingsChanged: boolean;
  enabledChanged: boolean;
}

/** Structural equality for the JSON values stored in state (key order does not matter). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * True when the stored state manages credentials and the new inputs give none: the update lets go of them
 * (Qard keeps the last value written; credentials cannot be deleted or read back).
 */
export function stopsManagingCredentials(
  olds: Readonly<Record<string, unknown>>,
  news: Pick<ProviderInputs, "credentials" | "credentialsRef">,
): boolean {
  const had = olds.credentials !== undefined || olds.credentialsRef !== undefined;
  return had && news.credentials === undefined && news.credentialsRef === undefined;
}

/**
 * Compares stored outputs with new inputs, property by property. Only a new `providerName` or `account`
 * replaces the resource (another Qard object): everything else is an in-place update of the same Qard provider.
 */
export function diffConfig(olds: Partial<ProviderOutputs>, news: ProviderInputs): ConfigDiff {
  const changed = DIFFED_PROPERTIES.filter((property) => !sameJson(olds[property], news[property]));
  const credentialsChanged = changed.some((property) =>
    (CREDENTIAL_FIELDS as readonly string[]).includes(property),
  );
  return {
    changed,
    replaces: changed.filter((property) => property === "providerName" || property === "account"),
    credentialsChanged,
    settingsChanged: changed.includes("settings"),
    // A provider Qard stopped offering cannot stay enabled: show it as a change of `enabled`.
    enabledChanged: changed.includes("enabled") || (olds.available === false && news.enabled),
  };
}
