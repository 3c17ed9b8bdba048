/**
 * What `npm run drift` must report, worked out from the soak's own model: drift where Qard differs from
 * the state, a pending config change where the config differs from what the refresh read (unless the
 * config only puts a drifted value back, which is the drift itself). Undefined when the state is unknown
 * or the config invalid: then no answer but "error" or a finding is checked.
 */
import type { SoakConfig, SoakProvider } from "./soak-config.ts";
import type { KnownStackState, QardView } from "./soak-state.ts";

export type ExpectedDriftStatus = "clean" | "drift" | "config";

/** The properties a drift finding can name for one provider, with the value at each end. */
function properties(
  provider: SoakProvider | undefined,
  settingKeys: readonly string[],
): Record<string, unknown> {
  const values: Record<string, unknown> = { enabled: provider?.enabled };
  for (const key of settingKeys) values[`settings.${key}`] = provider?.settings[key];
  return values;
}

export function expectedDriftStatus(
  state: KnownStackState,
  qard: QardView,
  config: SoakConfig,
): ExpectedDriftStatus | undefined {
  if (state === "unknown" || config.broken !== undefined) return undefined;
  let drift = false;
  let pending = false;
  const names = new Set([...Object.keys(state.providers), ...Object.keys(config.providers)]);
  for (const name of names) {
    const recorded = state.providers[name];
    const desired = config.providers[name];
    if (recorded === undefined || desired === undefined) pending = true;
    if (recorded === undefined) continue;
    const live = qard[name];
    const stateKeys = Object.keys(recorded.settings);
    // What the refresh reads: Qard's values of the settings the state manages.
    const refreshed: SoakProvider = {
      enabled: live?.enabled ?? false,
      settings: Object.fromEntries(stateKeys.map((key) => [key, live?.settings[key]])) as Record<
        string,
        boolean
      >,
    };
    const before = properties(recorded, stateKeys);
    const read = properties(refreshed, stateKeys);
    if (Object.keys(before).some((p) => before[p] !== read[p])) drift = true;
    if (desired === undefined) continue;
    const allKeys = [...new Set([...stateKeys, ...Object.keys(desired.settings)])];
    const was = properties(recorded, allKeys);
    const now = properties(refreshed, allKeys);
    const wanted = properties(desired, allKeys);
    for (const p of Object.keys(wanted)) {
      const restoresDrift = was[p] === wanted[p] && now[p] !== was[p];
      if (now[p] !== wanted[p] && !restoresDrift) pending = true;
    }
    if (JSON.stringify(recorded.credentials) !== JSON.stringify(desired.credentials)) pending = true;
  }
  return pending ? "config" : drift ? "drift" : "clean";
}
