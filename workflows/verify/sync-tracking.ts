/**
 * Pure decisions about the syncs a verification waits for: which sync of each data type is "ours", what
 * its status is, and when waiting is over.
 */
import type { SyncStatus, SyncStatusValue } from "@qard-iac/pulumi-qard/qard";

/** A data type whose sync is not listed yet (or only an older one is) is PENDING. */
export type TrackedStatus = SyncStatusValue | "PENDING";

const FINAL: ReadonlySet<TrackedStatus> = new Set(["SUCCESS", "AUTH_ERROR", "FETCH_ERROR", "INTERNAL_ERROR"]);

/** A sync that will not change any more: SUCCESS or an error status. */
export function isFinal(status: TrackedStatus): boolean {
  return FINAL.has(status);
}

export function isRunning(status: TrackedStatus): boolean {
  return status === "QUEUED" || status === "FETCHING";
}

/** The id of each sync in a list, by data type. */
export function idsByType(syncs: readonly SyncStatus[]): Map<string, string> {
  return new Map(syncs.map((sync) => [sync.dataType, sync.id]));
}

/** The syncs among `latest` that are still running for one of `dataTypes`. */
export function runningSyncs(latest: readonly SyncStatus[], dataTypes: readonly string[]): SyncStatus[] {
  return latest.filter((sync) => dataTypes.includes(sync.dataType) && isRunning(sync.status));
}

/**
 * The status of each tracked data type in a `sync/latest` answer. When the id of the sync we started (or
 * followed) is known, any other sync of that type is an earlier one — a SUCCESS left by a previous run must
 * not pass for ours — so the type stays PENDING until ours is listed.
 */
export function trackedStatuses(
  latest: readonly SyncStatus[],
  dataTypes: readonly string[],
  expectedIds: ReadonlyMap<string, string>,
): Map<string, TrackedStatus> {
  const statuses = new Map<string, TrackedStatus>();
  for (const dataType of dataTypes) {
    const sync = latest.find((candidate) => candidate.dataType === dataType);
    const expected = expectedIds.get(dataType);
    const ours = sync !== undefined && (expected === undefined || sync.id === expected);
    statuses.set(dataType, ours ? sync.status : "PENDING");
  }
  return statuses;
}

/** The data types whose status differs from the previous reading, in the order of `next`. */
export function statusChanges(
  previous: ReadonlyMap<string, TrackedStatus>,
  next: ReadonlyMap<string, TrackedStatus>,
): [dataType: string, status: TrackedStatus][] {
  return [...next].filter(([dataType, status]) => previous.get(dataType) !== status);
}

export function allFinal(statuses: ReadonlyMap<string, TrackedStatus>): boolean {
  return [...statuses.values()].every(isFinal);
}
