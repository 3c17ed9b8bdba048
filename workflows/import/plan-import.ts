import {
  catalogueEntry,
  isPrototypeKey,
  isProviderName,
  ownValue,
  planWrites,
  quoteRefused,
  sameJson,
  secretsManagerRefIn,
  type Write,
} from "@qard-iac/pulumi-qard/internal";
import type { QardProvider } from "@qard-iac/pulumi-qard/qard";
import type { CredentialType } from "@qard-iac/pulumi-qard/rules";
import { effectiveSettings } from "../stacks/effective-settings.ts";
import type { RawProvider, RawProviders } from "../stacks/stack-file.ts";
import { secretIdFor } from "./secret-id-pattern.ts";

/** The keys of a provider's stack entry that an import writes; protect, retainOnDelete... are kept. */
export const IMPORTED_KEYS = ["enabled", "autoConnect", "settings", "credentials"] as const;

export interface ImportPlanOptions {
  stack: string;
  /** The account of `qard:accounts` to import into (`qard:accounts.<account>.providers`). */
  account?: string;
  /** Every provider Qard lists, not only the enabled ones. */
  all: boolean;
  withoutCredentials: boolean;
  secretIdPattern: string;
  /** Settle the providers the stack already declares to what Qard has. */
  merge: boolean;
}

export interface CredentialKey {
  name: string;
  type: CredentialType;
}

/** A secret the team must create before the first `up`: a JSON object of these keys. */
export interface SecretToCreate {
  provider: string;
  secretId: string;
  keys: CredentialKey[];
}

export interface ImportedProvider {
  provider: string;
  /** new: added to the stack file; merged: already declared, settled to Qard; unchanged: already declared as Qard has it. */
  status: "new" | "merged" | "unchanged";
  /** The provider's entry in `qard:providers` after the import. */
  entry: RawProvider;
  /** The Qard calls the first `up` makes for it, if the stack does not manage it yet, each with its reason. */
  firstUp: { call: string; why: string }[];
  notes: string[];
}

/** A value of a provider the stack already declares that differs from what Qard has. */
export interface Difference {
  provider: string;
  /** "enabled", "settings.auto_connect", "credentials". */
  setting: string;
  declared: unknown;
  qard: unknown;
}

export interface ImportPlan {
  imported: ImportedProvider[];
  /** Listed by Qard but not imported, with the reason. */
  skipped: { provider: string; reason: string }[];
  secrets: SecretToCreate[];
  differences: Difference[];
  /** Why nothing may be written; empty when the import can go ahead. */
  refusals: string[];
  /** Only the entries to write (new and merged providers). */
  writes: RawProviders;
}

/**
 * Decides what `npm run import` declares, from the providers Qard lists and the stack's current
 * `qard:providers`. Pure: reading Qard and writing the file are the caller's.
 */
export function planImport(
  live: readonly QardProvider[],
  declared: RawProviders,
  options: ImportPlanOptions,
): ImportPlan {
  const plan: ImportPlan = {
    imported: [],
    skipped: [],
    secrets: [],
    differences: [],
    refusals: [],
    writes: {},
  };
  for (const provider of live) {
    const skip = skipReason(provider, options);
    if (skip) {
      plan.skipped.push({ provider: provider.name, reason: skip });
      continue;
    }
    const { entry: fromQard, notes } = declarationOf(provider);
    const keys = credentialKeysOf(provider);
    const current = declared[provider.name];
    const entry = current ? settled(current, fromQard) : fromQard;
    if (entry.credentials === undefined && keys.length > 0 && !options.withoutCredentials) {
      const secretId = secretIdFor(options.secretIdPattern, options.stack, provider.name, options.account);
      entry.credentials = { secretsManager: { secretId } };
      plan.secrets.push({ provider: provider.name, secretId, keys });
    }
    const differences = current ? differencesOf(provider.name, current, entry) : [];
    plan.differences.push(...differences);
    const status = !current ? "new" : differences.length > 0 ? "merged" : "unchanged";
    if (status !== "unchanged") plan.writes[provider.name] = entry;
    // The announcement is what a create does; a resource the stack already has is updated from its state.
    if (current)
      notes.push("already declared: if the stack manages it already, up compares with its state instead");
    plan.imported.push({
      provider: provider.name,
      status,
      entry,
      firstUp: firstUpCalls(provider, entry),
      notes,
    });
  }
  if (plan.differences.length > 0 && !options.merge) {
    const names = [...new Set(plan.differences.map((d) => d.provider))].join(", ");
    plan.refusals.push(
      `Pulumi.${options.stack}.yaml already declares ${names} differently from Qard: run again with --merge to settle the differences listed to what Qard has`,
    );
  }
  return plan;
}

function skipReason(provider: QardProvider, options: ImportPlanOptions): string | undefined {
  if (!isProviderName(provider.name)) return "not a name the stack config accepts";
  if (!options.all && !provider.enabled) return "disabled (--all imports it)";
  return undefined;
}

/** A provider's stack entry as Qard has it: enabled, auto_connect as autoConnect, other settings as settings. */
function declarationOf(provider: QardProvider): { entry: RawProvider; notes: string[] } {
  const notes: string[] = [];
  // Qard does not keep a provider enabled that it no longer offers, and the resource refuses to enable one.
  const enabled = provider.enabled && provider.available;
  if (provider.enabled && !provider.available)
    notes.push("Qard lists it as enabled but no longer available: declared disabled");
  const entry: RawProvider = { enabled };
  const documented = catalogueEntry(provider.name)?.settings;
  const settings: Record<string, boolean> = {};
  for (const name of provider.settingNames) {
    const value = ownValue(provider.settings, name) as boolean | undefined;
    if (isPrototypeKey(name))
      notes.push(
        `Qard lists setting ${quoteRefused(name)}, a name JavaScript objects already have: not declared`,
      );
    else if (value === undefined) notes.push(`Qard lists setting ${name} without a value: not declared`);
    else if (documented && !documented.includes(name))
      notes.push(`setting ${name} is not in the library's catalogue for ${provider.name}: not declared`);
    else if (name === "auto_connect") entry.autoConnect = value;
    else settings[name] = value;
  }
  if (Object.keys(settings).length > 0) entry.settings = settings;
  return { entry, notes };
}

/** The documented keys (with their types) and those Qard reports, documented ones first. */
function credentialKeysOf(provider: QardProvider): CredentialKey[] {
  const documented = catalogueEntry(provider.name)?.credentials ?? {};
  const keys: CredentialKey[] = Object.entries(documented).map(([name, type]) => ({ name, type }));
  for (const name of provider.credentialKeys)
    if (!Object.hasOwn(documented, name)) keys.push({ name, type: "string" });
  return keys;
}

/** A declared entry with Qard's enabled flag and settings; its credentials and resource options kept. */
function settled(current: RawProvider, fromQard: RawProvider): RawProvider {
  const entry: RawProvider = structuredClone(current);
  for (const key of ["enabled", "autoConnect", "settings"] as const) {
    if (fromQard[key] === undefined) delete entry[key];
    else entry[key] = structuredClone(fromQard[key]);
  }
  return entry;
}

function differencesOf(provider: string, current: RawProvider, next: RawProvider): Difference[] {
  const before = effectiveSettings(current);
  const after = effectiveSettings(next);
  const differences: Difference[] = [];
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (!sameJson(before[key], after[key]))
      differences.push({ provider, setting: key, declared: before[key], qard: after[key] });
  }
  if (!sameJson(current.credentials, next.credentials)) {
    differences.push({
      provider,
      setting: "credentials",
      declared: credentialsLabel(current.credentials),
      qard: credentialsLabel(next.credentials),
    });
  }
  return differences;
}

/** Where credentials come from, never a value (value-mode leaves may be secure in the file). */
export function credentialsLabel(credentials: unknown): string | undefined {
  if (credentials === undefined) return undefined;
  const ref = secretsManagerRefIn(credentials);
  return ref ? `secret ${ref.secretId}` : "values in stack config";
}

/**
 * The calls a create of this entry makes against the provider as Qard has it now: the same decision the
 * resource takes (planWrites), so the announcement and the first `up` cannot disagree.
 */
function firstUpCalls(provider: QardProvider, entry: RawProvider): ImportedProvider["firstUp"] {
  const effective = effectiveSettings(entry);
  const settings: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(effective))
    if (key.startsWith("settings.") && typeof value === "boolean") settings[key.slice(9)] = value;
  const writes = planWrites(
    { hasCredentials: entry.credentials !== undefined, settings, enabled: effective.enabled === true },
    { credentialsCurrent: false, settings: provider.settings, enabled: provider.enabled },
  );
  return writes.map((write) => describeWrite(provider.name, write, entry));
}

function describeWrite(name: string, write: Write, entry: RawProvider): { call: string; why: string } {
  const path = `/api/v6/providers/${name}`;
  switch (write.kind) {
    case "credentials":
      return {
        call: `PUT ${path}/credentials`,
        why: `credentials cannot be read back from Qard: written from the ${credentialsLabel(entry.credentials) ?? "stack config"}`,
      };
    case "settings":
      return { call: `PUT ${path}/settings`, why: "a declared setting differs from Qard's" };
    case "enable":
      return { call: `PUT ${path}`, why: write.enabled ? "enables it" : "disables it" };
  }
}
