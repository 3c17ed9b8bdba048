import { createHash } from "node:crypto";
import type { QardClient, QardProvider } from "../qard/index.ts";
import { conflictingEntriesReason, providerEntries, type ProviderEntries } from "./provider-entries.ts";

/**
 * Qard's provider list, read once and shared by every resource of one operation. The engine runs all the
 * resources of a `pulumi up` or `preview --refresh` through one dynamic-provider process, so one
 * `GET /api/v6/providers` serves them all instead of one read per provider. The process lives for one
 * operation; the time limit only guards a long-lived process (tests, a long `up`) against stale answers.
 */
const MAX_AGE_MS = 10_000;

interface CachedList {
  readAtMs: number;
  providers: Promise<ProviderEntries>;
}

// Keyed by base URL and a digest of the API key: two accounts on one API never share a list.
const lists = new Map<string, CachedList>();

export function accountKey(baseUrl: string, apiKey: string): string {
  return `${baseUrl} ${createHash("sha256").update(apiKey).digest("hex")}`;
}

/**
 * The live provider named `name`, or undefined when Qard's list for this account does not have it. Throws
 * when the list holds contradicting entries for that name.
 */
export async function liveProvider(
  client: QardClient,
  account: string,
  name: string,
  nowMs: number = Date.now(),
): Promise<QardProvider | undefined> {
  let cached = lists.get(account);
  if (cached === undefined || nowMs - cached.readAtMs > MAX_AGE_MS || !(await has(cached, name))) {
    cached = { readAtMs: nowMs, providers: listByName(client) };
    lists.set(account, cached);
    // A failed read is not kept: the next resource tries again (with its own retries).
    cached.providers.catch(() => {
      if (lists.get(account) === cached) lists.delete(account);
    });
  }
  const entries = await cached.providers;
  if (entries.conflicting.has(name)) throw new Error(conflictingEntriesReason(name));
  return entries.byName.get(name);
}

/** After a write to `name`, its listed state is out of date: the next read of it reads the list again. */
export function forgetLiveProvider(account: string, name: string): void {
  const cached = lists.get(account);
  if (cached === undefined) return;
  const forgotten = cached.providers.then(({ byName, conflicting }) => {
    const copy = new Map(byName);
    copy.delete(name);
    return { byName: copy, conflicting: new Set([...conflicting].filter((other) => other !== name)) };
  });
  forgotten.catch(() => undefined);
  lists.set(account, { readAtMs: cached.readAtMs, providers: forgotten });
}

/** Drops every cached list (tests change Qard between operations of one process). */
export function forgetLiveProviders(): void {
  lists.clear();
}

async function has(cached: CachedList, name: string): Promise<boolean> {
  try {
    const { byName, conflicting } = await cached.providers;
    return byName.has(name) || conflicting.has(name);
  } catch {
    return false;
  }
}

async function listByName(client: QardClient): Promise<ProviderEntries> {
  return providerEntries(await client.listProviders());
}
