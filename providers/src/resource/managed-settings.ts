// The settings a resource manages, against what Qard's live provider says of them.
import type { QardProvider } from "../qard/index.ts";
import { unknownSettingsProblem } from "./unknown-settings.ts";

/** Qard's current values of the settings this configuration manages (the others are not ours to diff). */
export function managedSettings(
  desired: Record<string, boolean>,
  live: Record<string, boolean>,
): Record<string, boolean> {
  return Object.fromEntries(Object.keys(desired).map((key) => [key, live[key] ?? (desired[key] as boolean)]));
}

/**
 * The managed settings for which Qard's answer holds no true/false value (absent, null, a string...). A read
 * must never stand in the desired value for them: that would report "no drift" for what it cannot see.
 */
export function unreadableSettings(desired: Record<string, boolean>, live: QardProvider): string[] {
  return Object.keys(desired).filter(
    (key) => !Object.hasOwn(live.settings, key) || typeof live.settings[key] !== "boolean",
  );
}

export function unreadableSettingsReason(name: string, keys: readonly string[]): string {
  const list = keys.map((key) => `"${key}"`).join(", ");
  return (
    `Qard provider "${name}": Qard's answer gives no true/false value for setting ${list} (absent, null or ` +
    `another type), so whether Qard holds the stack's value cannot be checked`
  );
}

export function rejectUnknownSettings(
  name: string,
  settings: Record<string, boolean>,
  live: QardProvider,
): void {
  // A provider that lists no setting at all tells us nothing: leave the check to Qard's answer.
  if (live.settingNames.length === 0 && Object.keys(live.settings).length === 0) return;
  const accepted = [...new Set([...live.settingNames, ...Object.keys(live.settings)])];
  const problem = unknownSettingsProblem(name, settings, accepted);
  if (problem !== undefined) throw new Error(problem);
}
