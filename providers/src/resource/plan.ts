import { sameJson } from "./diff.ts";

/**
 * One PUT to Qard. Order matters: credentials before settings before enabling, since Qard refuses to enable a
 * provider that still lacks the credentials it needs.
 */
export type Write =
  | { kind: "credentials" }
  | { kind: "settings"; settings: Record<string, boolean> }
  | { kind: "enable"; enabled: boolean };

export interface DesiredState {
  hasCredentials: boolean;
  settings: Record<string, boolean>;
  enabled: boolean;
}

export interface KnownState {
  /** True when Qard is known to hold the desired credentials already (they cannot be read back). */
  credentialsCurrent: boolean;
  /**
   * The settings Qard holds, as far as known. Only the keys the configuration manages are compared; the
   * others are sent back unchanged in a settings PUT, so they survive whether Qard merges or replaces.
   */
  settings: Record<string, boolean>;
  enabled: boolean;
}

/** The fewest writes that take Qard from `known` to `desired`; a settings PUT carries the full object. */
export function planWrites(desired: DesiredState, known: KnownState): Write[] {
  const writes: Write[] = [];
  if (desired.hasCredentials && !known.credentialsCurrent) writes.push({ kind: "credentials" });
  const managed = Object.keys(desired.settings);
  const settingsDiffer = managed.some((key) => !sameJson(known.settings[key], desired.settings[key]));
  if (settingsDiffer) writes.push({ kind: "settings", settings: { ...known.settings, ...desired.settings } });
  if (known.enabled !== desired.enabled) writes.push({ kind: "enable", enabled: desired.enabled });
  return writes;
}

/** What Qard holds after some writes of a plan succeeded: the state to record if a later one fails. */
export function applyWrite(known: KnownState, write: Write): KnownState {
  switch (write.kind) {
    case "credentials":
      return { ...known, credentialsCurrent: true };
    case "settings":
      return { ...known, settings: { ...known.settings, ...write.settings } };
    case "enable":
      return { ...known, enabled: write.enabled };
  }
}
