/**
 * The emulator's account: plain data, so that it can be saved as JSON and compared in tests. Everything
 * that reads or changes it lives in the route and rule modules.
 */
import type { Catalogue, ProviderDefinition } from "./catalogue.ts";
import { isRecord } from "./json.ts";

export type CredentialValues = Record<string, string | boolean>;

export interface ProviderState {
  enabled: boolean;
  available: boolean;
  settings: Record<string, boolean>;
  /** Write-only through the Qard API; undefined until the first accepted credentials PUT. */
  credentials?: CredentialValues;
}

export interface LegalUser {
  id: string;
  name: string;
  siren: string | null;
  createdAtMs: number;
}

export type ConnectionStatus = "AUTH_REQUIRED" | "CONNECTING" | "CONNECTED" | "AUTH_ERROR" | "DISCONNECTED";

export interface DataConnection {
  id: string;
  userId: string;
  providerName: string;
  status: ConnectionStatus;
  requestedDataTypes: string[];
  skipPermissions: boolean;
  createdAtMs: number;
}

export interface Sync {
  id: string;
  userId: string;
  dataType: string;
  providerName: string;
  dataConnectionId: string;
  requestedAtMs: number;
  /** The delay in force when it was requested, so a restart with another delay does not rewrite history. */
  delayMs: number;
}

export interface EmulatorState {
  providers: Record<string, ProviderState>;
  users: LegalUser[];
  connections: DataConnection[];
  syncs: Sync[];
}

function initialProviderState(definition: ProviderDefinition): ProviderState {
  const settings = Object.fromEntries(definition.settings.map((name) => [name, false]));
  return { enabled: false, available: true, settings };
}

export function initialState(catalogue: Catalogue): EmulatorState {
  const providers = Object.fromEntries(catalogue.all().map((d) => [d.name, initialProviderState(d)]));
  return { providers, users: [], connections: [], syncs: [] };
}

/**
 * Rebuilds a state from saved JSON. Providers come from the emulator's current catalogue, so a provider
 * added to it since the file was written (built-in or extra) starts fresh and one removed from it is dropped.
 */
export function stateFromJson(saved: unknown, catalogue: Catalogue): EmulatorState {
  if (!isRecord(saved) || !isRecord(saved.providers)) {
    throw new Error("the saved emulator state has no `providers` object");
  }
  const state = initialState(catalogue);
  for (const definition of catalogue.all()) {
    const stored = saved.providers[definition.name];
    if (isRecord(stored)) state.providers[definition.name] = mergeProvider(definition, stored);
  }
  state.users = arrayOf(saved.users, "users") as LegalUser[];
  state.connections = arrayOf(saved.connections, "connections") as DataConnection[];
  state.syncs = arrayOf(saved.syncs, "syncs") as Sync[];
  return state;
}

function mergeProvider(definition: ProviderDefinition, stored: Record<string, unknown>): ProviderState {
  const fresh = initialProviderState(definition);
  const storedSettings = isRecord(stored.settings) ? stored.settings : {};
  for (const name of definition.settings) {
    const value = storedSettings[name];
    if (typeof value === "boolean") fresh.settings[name] = value;
  }
  const merged: ProviderState = {
    enabled: stored.enabled === true,
    available: stored.available !== false,
    settings: fresh.settings,
  };
  if (isRecord(stored.credentials)) merged.credentials = stored.credentials as CredentialValues;
  return merged;
}

function arrayOf(value: unknown, field: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`the saved emulator state's \`${field}\` is not an array`);
  return value;
}
