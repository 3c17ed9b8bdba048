import type { QardProvider } from "../qard/index.ts";
import { sameJson } from "./diff.ts";

/** Qard's list, by provider name, with the names whose entries contradict each other set apart. */
export interface ProviderEntries {
  byName: Map<string, QardProvider>;
  /** Names listed more than once with different content: which entry holds is unknowable. */
  conflicting: Set<string>;
}

/**
 * Indexes Qard's provider list by name. The same entry repeated (a page boundary read twice) is one entry;
 * two entries for one name that differ are a contradiction, never resolved by taking the last one.
 */
export function providerEntries(providers: readonly QardProvider[]): ProviderEntries {
  const byName = new Map<string, QardProvider>();
  const conflicting = new Set<string>();
  for (const provider of providers) {
    const seen = byName.get(provider.name);
    if (seen === undefined) byName.set(provider.name, provider);
    else if (!sameJson(seen, provider)) conflicting.add(provider.name);
  }
  for (const name of conflicting) byName.delete(name);
  return { byName, conflicting };
}

/** The refusal for a provider whose entries in Qard's list disagree. */
export function conflictingEntriesReason(name: string): string {
  return (
    `Qard's provider list has several entries for "${name}" that disagree: what Qard holds for it ` +
    `cannot be known, so nothing is assumed; report it to Qard`
  );
}
