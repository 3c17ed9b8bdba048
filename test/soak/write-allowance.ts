/**
 * The PUTs an operation may send, per path: one planned write may take up to MAX_ATTEMPTS requests (its
 * retries); a path with nothing to write may take none. A read-only operation (preview, drift) may send
 * no write at all, and neither may an `up` whose config is invalid.
 */
import { MAX_ATTEMPTS } from "./fault-mix.ts";
import type { SoakConfig } from "./soak-config.ts";
import type { KnownStackState, OperationKind, QardView } from "./soak-state.ts";

/** Largest number of PUTs allowed per path; a path not listed allows none. */
export type WriteAllowance = Record<string, number>;

const providerPath = (name: string) => `/api/v6/providers/${name}`;

/**
 * `up` refreshes first, so its plan goes from Qard as it is (`qard`) to the config: enabling when the flag
 * differs, settings when a managed one differs, credentials when new or changed. A provider that leaves
 * the config is disabled (one PUT, whatever Qard holds). When the state is unknown, anything the config or
 * a removal could need is allowed.
 */
export function writeAllowance(
  operation: OperationKind,
  config: SoakConfig,
  state: KnownStackState,
  qard: QardView,
): WriteAllowance {
  const allowed: WriteAllowance = {};
  const allow = (path: string) => {
    allowed[path] = MAX_ATTEMPTS;
  };
  if (operation === "preview" || operation === "drift") return allowed;
  const inState = state === "unknown" ? undefined : state.providers;
  if (operation === "destroy") {
    for (const name of inState === undefined ? Object.keys(qard) : Object.keys(inState))
      allow(providerPath(name));
    return allowed;
  }
  if (config.broken !== undefined) return allowed;
  for (const [name, desired] of Object.entries(config.providers)) {
    const live = qard[name];
    const recorded = inState?.[name];
    if (live === undefined || live.enabled !== desired.enabled) allow(providerPath(name));
    const settingsDiffer = Object.entries(desired.settings).some(
      ([key, value]) => live?.settings[key] !== value,
    );
    if (settingsDiffer) allow(`${providerPath(name)}/settings`);
    const credentialsNew =
      recorded === undefined || JSON.stringify(recorded.credentials) !== JSON.stringify(desired.credentials);
    if (desired.credentials !== undefined && credentialsNew) allow(`${providerPath(name)}/credentials`);
  }
  const removable = inState === undefined ? Object.keys(qard) : Object.keys(inState);
  for (const name of removable) if (!(name in config.providers)) allow(providerPath(name));
  return allowed;
}

/** The writes beyond the allowance, as messages; empty when every PUT was allowed. */
export function excessWrites(
  writes: readonly { method: string; path: string }[],
  allowed: WriteAllowance,
): string[] {
  const counts = new Map<string, number>();
  for (const write of writes) {
    const key = `${write.method} ${write.path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const excess: string[] = [];
  for (const [key, count] of counts) {
    const [method, path] = key.split(" ") as [string, string];
    const limit = method === "PUT" ? (allowed[path] ?? 0) : 0;
    if (count > limit) excess.push(`${key}: ${count} request(s), the plan and its retries allow ${limit}`);
  }
  return excess;
}
