/**
 * Where a user's existing data connection to a provider can be found without creating one. Qard's
 * documentation has no call that lists a user's data connections (the emulator answers one, but the API
 * page does not show it), so the documented `GET /users/{id}/sync/latest` is used: each sync names the
 * data connection it ran on. A connection that never synced is found only when given by id.
 */
import type { SyncStatus } from "@qard-iac/pulumi-qard/qard";

/**
 * The data connections the user's latest syncs of `providerName` ran on, the most recently requested first,
 * each once.
 */
export function connectionIdsFromSyncs(latest: readonly SyncStatus[], providerName: string): string[] {
  const ids: string[] = [];
  const ofProvider = latest
    .filter((sync) => sync.providerName === providerName && sync.dataConnectionId !== undefined)
    // Qard's timestamps ("2024-01-15 10:30:00") sort as text; a sync without one sorts last.
    .sort((a, b) => (b.requestedAt ?? "").localeCompare(a.requestedAt ?? ""));
  for (const sync of ofProvider) {
    const id = sync.dataConnectionId as string;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}
