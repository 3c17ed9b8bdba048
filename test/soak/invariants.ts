/**
 * The invariants checked after every cycle, as pure functions that return what is wrong (empty when all
 * holds). Each message names the provider or place it concerns.
 */
import { FAULT_KINDS, MAX_ATTEMPTS, type FaultKind } from "./fault-mix.ts";
import type { SoakConfig } from "./soak-config.ts";
import type { KnownStackState, QardView } from "./soak-state.ts";

/** After a successful `up`: every declared provider is in Qard as declared; a removed one is disabled. */
export function qardMatchesConfig(config: SoakConfig, state: KnownStackState, qard: QardView): string[] {
  const problems: string[] = [];
  for (const [name, desired] of Object.entries(config.providers)) {
    const live = qard[name];
    if (live === undefined) {
      problems.push(`${name}: declared, but Qard does not list it`);
      continue;
    }
    if (live.enabled !== desired.enabled) {
      problems.push(`${name}: enabled is ${live.enabled} in Qard, ${desired.enabled} in the config`);
    }
    for (const [key, value] of Object.entries(desired.settings)) {
      if (live.settings[key] !== value) {
        problems.push(
          `${name}: settings.${key} is ${String(live.settings[key])} in Qard, ${value} in the config`,
        );
      }
    }
    if (
      desired.credentials !== undefined &&
      JSON.stringify(live.credentials) !== JSON.stringify(desired.credentials)
    ) {
      problems.push(`${name}: Qard holds other credentials than the config's`);
    }
  }
  if (state !== "unknown") {
    for (const name of Object.keys(state.providers)) {
      if (!(name in config.providers) && qard[name]?.enabled === true) {
        problems.push(`${name}: removed from the config, still enabled in Qard`);
      }
    }
  }
  return problems;
}

/** After a successful `destroy`: every provider the state held is disabled. */
export function qardDestroyed(state: KnownStackState, qard: QardView): string[] {
  if (state === "unknown") return [];
  return Object.keys(state.providers)
    .filter((name) => qard[name]?.enabled === true)
    .map((name) => `${name}: destroyed, still enabled in Qard`);
}

/** Every place where a planted canary appears; `places` maps a place's name to its text. */
export function canaryLeaks(places: Readonly<Record<string, string>>, canaries: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const [place, text] of Object.entries(places)) {
    for (const canary of canaries) {
      // The PHP-style spelling an echo uses ("/" escaped) is checked too: the canaries have no "/" or
      // non-ASCII characters, so the raw spelling is the only one.
      if (text.includes(canary)) leaks.push(`a planted secret appears in ${place}`);
    }
  }
  return [...new Set(leaks)];
}

/** A fault that fired, from the emulator's request log. */
export interface FiredFault {
  kind: FaultKind;
  method: string;
  path: string;
}

/**
 * Whether a failed operation had a reason to fail: an invalid config, a fault the client cannot recover
 * from, or recoverable faults on one call at least as many times as the client attempts it.
 */
export function failureExplained(config: SoakConfig, fired: readonly FiredFault[]): boolean {
  if (config.broken !== undefined) return true;
  if (fired.some((fault) => !FAULT_KINDS[fault.kind].recoverable)) return true;
  const perCall = new Map<string, number>();
  for (const fault of fired) {
    const key = `${fault.method} ${fault.path}`;
    perCall.set(key, (perCall.get(key) ?? 0) + 1);
  }
  return [...perCall.values()].some((count) => count >= MAX_ATTEMPTS);
}

// Phrases of a message that tells the user what to do next.
const ADVICE =
  /\b(run|rerun|retry|try again|check|fix|set|declare|give|remove|wait|pulumi up|pulumi config|pulumi destroy)\b/i;

/** A failure's message must say what to do, not only what went wrong. */
export function namesWhatToDo(message: string): boolean {
  return ADVICE.test(message);
}
