/**
 * Synchronizations progress with time alone: QUEUED for the first half of the delay, FETCHING for the
 * second, SUCCESS after. Computing the status on each read needs no timers, and survives a restart.
 */
import { ApiError, unprocessable } from "./api-error.ts";
import type { DataConnection, Sync } from "./state.ts";
import { formatTimestamp } from "./time.ts";

export type SyncStatus = "QUEUED" | "FETCHING" | "SUCCESS";

export function syncStatusAt(sync: Sync, nowMs: number): SyncStatus {
  const elapsed = nowMs - sync.requestedAtMs;
  if (elapsed >= sync.delayMs) return "SUCCESS";
  return elapsed >= sync.delayMs / 2 ? "FETCHING" : "QUEUED";
}

export function isRunning(status: SyncStatus): boolean {
  return status === "QUEUED" || status === "FETCHING";
}

export function syncJson(sync: Sync, nowMs: number): Record<string, unknown> {
  const status = syncStatusAt(sync, nowMs);
  return {
    id: sync.id,
    data_type: sync.dataType,
    provider_name: sync.providerName,
    status,
    data_connection_id: sync.dataConnectionId,
    requested_at: formatTimestamp(sync.requestedAtMs),
    completed_at: status === "SUCCESS" ? formatTimestamp(sync.requestedAtMs + sync.delayMs) : null,
  };
}

/** The most recent sync of each data type of one user, sorted by data type. */
export function latestSyncs(syncs: readonly Sync[], userId: string): Sync[] {
  const latest = new Map<string, Sync>();
  // Later entries win on equal times: the array is in creation order.
  for (const sync of syncs) {
    if (sync.userId !== userId) continue;
    const current = latest.get(sync.dataType);
    if (current === undefined || sync.requestedAtMs >= current.requestedAtMs) latest.set(sync.dataType, sync);
  }
  return [...latest.values()].sort((a, b) => a.dataType.localeCompare(b.dataType));
}

export interface PlannedSync {
  dataType: string;
  connection: DataConnection;
}

export type SyncPlan = { ok: true; syncs: PlannedSync[] } | { ok: false; error: ApiError };

/**
 * Decides which syncs a `POST /users/{id}/sync` starts. Omitted data types mean every type of the user's
 * CONNECTED connections. A type no CONNECTED connection covers is a 422; a type whose latest sync is
 * still QUEUED or FETCHING is a 409 (checked second: a request that can never succeed is not a conflict).
 */
export function planSync(
  connections: readonly DataConnection[],
  syncs: readonly Sync[],
  userId: string,
  requested: readonly string[] | undefined,
  nowMs: number,
): SyncPlan {
  const connected = connections.filter((c) => c.userId === userId && c.status === "CONNECTED");
  const types = [...new Set(requested ?? connected.flatMap((c) => c.requestedDataTypes))];
  if (types.length === 0) {
    const message = "Nothing to synchronize: the user has no CONNECTED data connection.";
    return { ok: false, error: unprocessable("NO_CONNECTED_DATA_CONNECTION", message) };
  }
  const planned: PlannedSync[] = [];
  const uncovered: string[] = [];
  for (const dataType of types) {
    const connection = connected.find((c) => c.requestedDataTypes.includes(dataType));
    if (connection === undefined) uncovered.push(dataType);
    else planned.push({ dataType, connection });
  }
  if (uncovered.length > 0) {
    const message =
      `No CONNECTED data connection covers: ${uncovered.join(", ")}. ` +
      "Create a data connection requesting these types and finish its authorization first.";
    return { ok: false, error: unprocessable("DATA_TYPE_NOT_CONNECTED", message, { data_types: uncovered }) };
  }
  const latest = latestSyncs(syncs, userId);
  const running = types.filter((type) =>
    latest.some((sync) => sync.dataType === type && isRunning(syncStatusAt(sync, nowMs))),
  );
  if (running.length > 0) {
    const message = `A synchronization is already QUEUED or FETCHING for: ${running.join(", ")}. Wait for it to end.`;
    return { ok: false, error: new ApiError(409, "SYNC_IN_PROGRESS", message, { data_types: running }) };
  }
  return { ok: true, syncs: planned };
}
