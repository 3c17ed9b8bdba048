/**
 * The "Test your integration" steps of a Qard provider page, automated: the provider must be enabled, the
 * user's data connection is reused (or created, then authorized), a sync runs to its end, and the commerce
 * data it brought is counted. Each run reports what it created, so repeated runs leave no pile of
 * connections behind.
 */
import {
  COMMERCE_COLLECTION_DATA_TYPES,
  QardApiError,
  QardNotFoundError,
  type CommerceCollection,
  type DataConnection,
  type DataConnectionStatus,
  type QardClient,
  type QardProvider,
  type SyncStatusValue,
} from "@qard-iac/pulumi-qard/qard";
import { conflictingEntriesReason, providerEntries } from "@qard-iac/pulumi-qard/internal";
import {
  allFinal,
  idsByType,
  isFinal,
  runningSyncs,
  statusChanges,
  trackedStatuses,
  type TrackedStatus,
} from "./sync-tracking.ts";
import { connectionIdsFromSyncs } from "./existing-connection.ts";
import { VerifyError } from "./verify-error.ts";

export interface VerifyOptions {
  /** The Qard user whose data connection is used (or created); it must exist. */
  userId: string;
  providerName: string;
  /**
   * A data connection of the user to reuse. Without it, the connection the user's latest sync of the
   * provider ran on is reused when it is still usable; a new one is created only when there is none.
   */
  connectionId?: string;
  /** The whole run — the user's authorization and the sync — must end within this time. */
  timeoutMs: number;
  /** Wait between two reads of the connection or of the syncs. */
  pollIntervalMs: number;
  /** Told each step as it happens; for a progress display. */
  onProgress?: (event: VerifyEvent) => void;
  /** Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Default Date.now; the deadline is measured with it. */
  now?: () => number;
}

export type VerifyEvent =
  | { kind: "provider"; providerName: string; dataTypes: string[] }
  | { kind: "connection"; connectionId: string; status: DataConnectionStatus }
  | { kind: "connection-reused"; connectionId: string; status: DataConnectionStatus }
  | { kind: "authorization-required"; connectionId: string; redirectUrl?: string; timeoutMs: number }
  | { kind: "sync-started"; started: string[]; followed: string[] }
  | { kind: "sync-status"; dataType: string; status: TrackedStatus };

export interface VerifyReport {
  /** Every requested data type ended SUCCESS. */
  ok: boolean;
  userId: string;
  providerName: string;
  /** `reused`: the user's existing connection was used, none was created. */
  connection: { id: string; status: DataConnectionStatus; reused: boolean };
  /** What this run left in Qard, e.g. "data connection dc_1 (user u_1, shopify)", "4 syncs". */
  created: string[];
  sync: {
    /** Types this run started a sync for. */
    started: string[];
    /** Types whose sync was already running (Qard answered 409) and was waited for instead. */
    followed: string[];
    /** The final status of each requested type. */
    statuses: Record<string, SyncStatusValue>;
  };
  /** Items per commerce collection, read for each COMMERCE_* type whose sync succeeded. */
  commerceCounts: Partial<Record<CommerceCollection, number>>;
}

// A 409 that names no sync we can see means the conflicting one ended in between: starting again is right,
// but not forever.
const MAX_START_ATTEMPTS = 3;

interface Run {
  client: QardClient;
  userId: string;
  pollIntervalMs: number;
  timeoutMs: number;
  deadline: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  emit: (event: VerifyEvent) => void;
}

/**
 * Runs the verification. Resolves with a report whose `ok` says whether every data type ended SUCCESS;
 * rejects with a VerifyError when no result could be reached (provider disabled, authorization refused or
 * not given in time, sync not ended in time), and with the client's QardError when Qard could not be used.
 */
export async function verifyIntegration(client: QardClient, options: VerifyOptions): Promise<VerifyReport> {
  const now = options.now ?? Date.now;
  const run: Run = {
    client,
    userId: options.userId,
    pollIntervalMs: options.pollIntervalMs,
    timeoutMs: options.timeoutMs,
    deadline: now() + options.timeoutMs,
    now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    emit: options.onProgress ?? (() => undefined),
  };
  const provider = await enabledProvider(client, options.providerName);
  const dataTypes = provider.dataTypes;
  run.emit({ kind: "provider", providerName: provider.name, dataTypes });

  const { connection, reused } = await connect(run, provider, options.connectionId);
  const start = await startOrFollow(run, dataTypes);
  run.emit({ kind: "sync-started", started: start.started, followed: start.followed });
  const statuses = await waitForSyncs(run, dataTypes, start.expectedIds);

  const created = reused
    ? []
    : [`data connection ${connection.id} (user ${options.userId}, ${provider.name})`];
  if (start.started.length > 0) created.push(`syncs of ${start.started.join(", ")}`);
  return {
    ok: Object.values(statuses).every((status) => status === "SUCCESS"),
    userId: options.userId,
    providerName: provider.name,
    connection: { id: connection.id, status: connection.status, reused },
    created,
    sync: { started: start.started, followed: start.followed, statuses },
    commerceCounts: await commerceCounts(client, options.userId, statuses),
  };
}

async function enabledProvider(client: QardClient, name: string): Promise<QardProvider> {
  // The documented list: Qard documents no endpoint that reads a single provider.
  const { byName, conflicting } = providerEntries(await client.listProviders());
  if (conflicting.has(name)) throw new VerifyError("provider-unknown", conflictingEntriesReason(name));
  const provider = byName.get(name);
  if (provider === undefined) {
    throw new VerifyError("provider-unknown", `Qard does not know a provider named "${name}".`);
  }
  if (!provider.enabled) {
    throw new VerifyError(
      "provider-disabled",
      `Provider "${name}" is not enabled on this Qard account. Enable it in the stack's qard:providers ` +
        `config (${name}.enabled: true) and run \`pulumi up\` on the stack, then verify again.`,
    );
  }
  if (provider.dataTypes.length === 0) {
    throw new VerifyError(
      "provider-without-data-types",
      `Provider "${name}" lists no data types: there is nothing to synchronize.`,
    );
  }
  return provider;
}

/**
 * The user's existing connection to the provider, or a new one; then waits until it is CONNECTED, through
 * the user's authorization when Qard asks for it.
 */
async function connect(
  run: Run,
  provider: QardProvider,
  connectionId: string | undefined,
): Promise<{ connection: DataConnection; reused: boolean }> {
  const existing = await existingConnection(run, provider, connectionId);
  const connection = existing ?? (await createConnection(run, provider));
  if (existing) run.emit({ kind: "connection-reused", connectionId: existing.id, status: existing.status });
  else run.emit({ kind: "connection", connectionId: connection.id, status: connection.status });
  return { connection: await untilConnected(run, provider, connection), reused: existing !== undefined };
}

/**
 * The connection named by `connectionId` (which must be the user's, to this provider, and usable), else
 * the one the user's latest sync of the provider ran on when it is still usable; undefined when none is.
 */
async function existingConnection(
  run: Run,
  provider: QardProvider,
  connectionId: string | undefined,
): Promise<DataConnection | undefined> {
  if (connectionId !== undefined) {
    const named = await getConnection(run, connectionId);
    if (named === undefined || named.providerName !== provider.name) {
      throw new VerifyError(
        "connection-unusable",
        `User ${run.userId} has no data connection ${connectionId} to "${provider.name}": check --connection.`,
      );
    }
    if (connectionStep(named.status) === "failed") {
      throw new VerifyError(
        "connection-unusable",
        `Data connection ${connectionId} is ${named.status}: it cannot sync. Verify without --connection ` +
          "to create a new one.",
      );
    }
    return named;
  }
  // Only the most recent: an older connection of the same provider is most likely the one it replaced.
  const [latestId] = connectionIdsFromSyncs(await run.client.latestSyncs(run.userId), provider.name);
  if (latestId === undefined) return undefined;
  const latest = await getConnection(run, latestId);
  return latest !== undefined && connectionStep(latest.status) !== "failed" ? latest : undefined;
}

async function getConnection(run: Run, connectionId: string): Promise<DataConnection | undefined> {
  try {
    return await run.client.getDataConnection(run.userId, connectionId);
  } catch (error) {
    if (error instanceof QardNotFoundError) return undefined;
    throw error;
  }
}

async function createConnection(run: Run, provider: QardProvider): Promise<DataConnection> {
  try {
    return await run.client.createDataConnection(run.userId, {
      providerName: provider.name,
      requestedDataTypes: provider.dataTypes,
    });
  } catch (error) {
    if (error instanceof QardApiError && error.status === 409 && provider.unique) {
      throw new VerifyError(
        "connection-exists",
        `User ${run.userId} already has a data connection to "${provider.name}", which allows one per ` +
          `user: pass its id with --connection to reuse it, or verify with another user. (${error.message})`,
      );
    }
    throw error;
  }
}

async function untilConnected(
  run: Run,
  provider: QardProvider,
  connection: DataConnection,
): Promise<DataConnection> {
  if (connection.status === "AUTH_REQUIRED") {
    run.emit({
      kind: "authorization-required",
      connectionId: connection.id,
      redirectUrl: connection.redirectUrl,
      timeoutMs: run.timeoutMs,
    });
  }

  let last = connection;
  const settled = await poll(
    run,
    async () => {
      const current = await run.client.getDataConnection(run.userId, connection.id);
      if (current.status !== last.status) {
        run.emit({ kind: "connection", connectionId: current.id, status: current.status });
      }
      last = current;
      return current;
    },
    (current) => connectionStep(current.status) !== "wait",
    connection,
  );
  const step = connectionStep(settled.value.status);
  if (step === "ready") return settled.value;
  if (step === "failed") {
    throw new VerifyError(
      "authorization-failed",
      `Data connection ${connection.id} ended ${settled.value.status}: the user's authorization of ` +
        `"${provider.name}" failed; no sync can run.`,
    );
  }
  const where = connection.redirectUrl === undefined ? "" : ` at ${connection.redirectUrl}`;
  throw new VerifyError(
    "authorization-timeout",
    `Data connection ${connection.id} is still ${settled.value.status} after ${seconds(run.timeoutMs)}: ` +
      `the user did not authorize it${where} in time. Give a longer timeout to wait longer.`,
  );
}

/** What the connection status means for the run. */
export function connectionStep(status: DataConnectionStatus): "ready" | "wait" | "failed" {
  if (status === "CONNECTED") return "ready";
  if (status === "AUTH_REQUIRED" || status === "CONNECTING") return "wait";
  return "failed";
}

interface SyncStart {
  started: string[];
  followed: string[];
  /** The sync of each type this run waits for, when Qard said which one it is. */
  expectedIds: Map<string, string>;
}

/**
 * Starts a sync of `dataTypes`. Qard answers 409 when one of them is already QUEUED or FETCHING: that sync
 * is followed instead, and the remaining types are started on their own.
 */
async function startOrFollow(run: Run, dataTypes: readonly string[]): Promise<SyncStart> {
  const expectedIds = new Map<string, string>();
  const followed: string[] = [];
  let toStart = [...dataTypes];
  for (let attempt = 1; ; attempt++) {
    try {
      const started = await run.client.startSync(run.userId, toStart);
      for (const [dataType, id] of idsByType(started)) expectedIds.set(dataType, id);
      return { started: toStart, followed, expectedIds };
    } catch (error) {
      if (!(error instanceof QardApiError && error.status === 409) || attempt >= MAX_START_ATTEMPTS)
        throw error;
    }
    for (const sync of runningSyncs(await run.client.latestSyncs(run.userId), toStart)) {
      expectedIds.set(sync.dataType, sync.id);
      followed.push(sync.dataType);
    }
    toStart = toStart.filter((dataType) => !followed.includes(dataType));
    if (toStart.length === 0) return { started: [], followed, expectedIds };
  }
}

/** Reads the syncs until every type has ended, telling each status change. */
async function waitForSyncs(
  run: Run,
  dataTypes: readonly string[],
  expectedIds: ReadonlyMap<string, string>,
): Promise<Record<string, SyncStatusValue>> {
  let previous = new Map<string, TrackedStatus>(dataTypes.map((dataType) => [dataType, "PENDING"]));
  const settled = await poll(
    run,
    async () => {
      const current = trackedStatuses(await run.client.latestSyncs(run.userId), dataTypes, expectedIds);
      for (const [dataType, status] of statusChanges(previous, current)) {
        run.emit({ kind: "sync-status", dataType, status });
      }
      previous = current;
      return current;
    },
    allFinal,
  );
  if (settled.timedOut) {
    const unfinished = [...settled.value].filter(([, status]) => !isFinal(status));
    throw new VerifyError(
      "sync-timeout",
      `The sync did not end within ${seconds(run.timeoutMs)}: ` +
        unfinished.map(([dataType, status]) => `${dataType} ${status}`).join(", ") +
        ". Give a longer timeout to wait longer.",
    );
  }
  // allFinal held, so no status is PENDING, QUEUED or FETCHING.
  return Object.fromEntries(settled.value) as Record<string, SyncStatusValue>;
}

async function commerceCounts(
  client: QardClient,
  userId: string,
  statuses: Readonly<Record<string, SyncStatusValue>>,
): Promise<Partial<Record<CommerceCollection, number>>> {
  const counts: Partial<Record<CommerceCollection, number>> = {};
  for (const [collection, dataType] of Object.entries(COMMERCE_COLLECTION_DATA_TYPES)) {
    if (statuses[dataType] !== "SUCCESS") continue;
    const name = collection as CommerceCollection;
    counts[name] = (await client.listCommerce(userId, name)).length;
  }
  return counts;
}

/**
 * Reads until `done` holds or the run's deadline passes (the last value is returned either way). `initial`,
 * when given, is a value already read: polling starts with a wait.
 */
async function poll<T>(
  run: Run,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  initial?: T,
): Promise<{ value: T; timedOut: boolean }> {
  let value = initial === undefined ? await read() : initial;
  for (;;) {
    if (done(value)) return { value, timedOut: false };
    const left = run.deadline - run.now();
    if (left <= 0) return { value, timedOut: true };
    await run.sleep(Math.min(run.pollIntervalMs, left));
    value = await read();
  }
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
