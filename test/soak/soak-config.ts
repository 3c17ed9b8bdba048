/**
 * The stack config the soak drives, as a plain model, and the random edits it makes to it: settings and
 * enabled flags, providers added, removed and renamed, a rotated credential, and a config broken on
 * purpose (then repaired). Pure: the same random source gives the same edits.
 */
import type { SeededRandom } from "./random.ts";

/** Providers of the emulator's catalogue the soak manages, with the settings each one takes. */
export const SOAK_PROVIDERS: Readonly<Record<string, readonly string[]>> = {
  shopify: ["auto_connect"],
  company_legal_fr: ["auto_connect"],
  prestashop: ["auto_connect"],
  woocommerce: ["auto_connect"],
  comply_cube: ["officers_check", "beneficial_owners_check", "background_check_nodes_check"],
};

/** Providers that take the same settings and no credentials: a rename between them keeps its entry. */
const RENAMEABLE = ["company_legal_fr", "prestashop", "woocommerce"];

/** The provider whose credentials (by value, secret config) carry the canaries. */
export const CREDENTIALED = "shopify";

export interface SoakCredentials {
  client_id: string;
  client_secret: string;
}

export interface SoakProvider {
  enabled: boolean;
  settings: Record<string, boolean>;
  credentials?: SoakCredentials;
}

export interface SoakConfig {
  providers: Record<string, SoakProvider>;
  /** A provider whose `enabled` is set to a string: a config error the next edit repairs. */
  broken?: string;
}

export type EditKind =
  | "toggle-enabled"
  | "set-setting"
  | "remove-setting"
  | "add-provider"
  | "remove-provider"
  | "rename-provider"
  | "rotate-secret"
  | "break-config"
  | "repair-config";

export interface Edit {
  kind: EditKind;
  /** What changed, for the cycle log, e.g. "rename-provider prestashop -> woocommerce". */
  label: string;
  config: SoakConfig;
}

/** Makes a fresh canary: a secret value that must never appear in state, output or a report. */
export type CanarySource = () => string;

export function initialConfig(canary: CanarySource): SoakConfig {
  return {
    providers: {
      [CREDENTIALED]: newProvider(CREDENTIALED, true, {}, canary),
      company_legal_fr: { enabled: true, settings: { auto_connect: true } },
    },
  };
}

function newProvider(
  name: string,
  enabled: boolean,
  settings: Record<string, boolean>,
  canary: CanarySource,
): SoakProvider {
  const provider: SoakProvider = { enabled, settings };
  if (name === CREDENTIALED) provider.credentials = { client_id: "soak-client", client_secret: canary() };
  return provider;
}

function randomSettings(random: SeededRandom, name: string): Record<string, boolean> {
  const settings: Record<string, boolean> = {};
  for (const setting of SOAK_PROVIDERS[name] ?? []) {
    if (random.chance(0.6)) settings[setting] = random.chance(0.5);
  }
  return settings;
}

/** One random edit of the config; a broken config is always repaired first. */
export function randomEdit(random: SeededRandom, config: SoakConfig, canary: CanarySource): Edit {
  const next: SoakConfig = structuredClone(config);
  if (next.broken !== undefined) {
    const name = next.broken;
    delete next.broken;
    return { kind: "repair-config", label: `repair-config ${name}`, config: next };
  }
  const declared = Object.keys(next.providers);
  const undeclared = Object.keys(SOAK_PROVIDERS).filter((name) => !declared.includes(name));
  const renames = declared.filter((name) => RENAMEABLE.includes(name));
  const renameTargets = undeclared.filter((name) => RENAMEABLE.includes(name));
  const kind = random.weighted<EditKind>([
    ["toggle-enabled", 3],
    ["set-setting", 3],
    ["remove-setting", 1],
    ["add-provider", undeclared.length > 0 ? 2 : 0],
    ["remove-provider", declared.length > 1 ? 2 : 0],
    ["rename-provider", renames.length > 0 && renameTargets.length > 0 ? 2 : 0],
    ["rotate-secret", declared.includes(CREDENTIALED) ? 1 : 0],
    ["break-config", 0.5],
  ]);
  switch (kind) {
    case "toggle-enabled": {
      const name = random.pick(declared);
      const provider = next.providers[name]!;
      provider.enabled = !provider.enabled;
      return { kind, label: `${kind} ${name} -> ${provider.enabled}`, config: next };
    }
    case "set-setting": {
      const name = random.pick(declared);
      const setting = random.pick(SOAK_PROVIDERS[name] ?? []);
      const value = random.chance(0.5);
      next.providers[name]!.settings[setting] = value;
      return { kind, label: `${kind} ${name}.${setting} = ${value}`, config: next };
    }
    case "remove-setting": {
      const name = random.pick(declared);
      const settings = next.providers[name]!.settings;
      const keys = Object.keys(settings);
      if (keys.length === 0) return { kind, label: `${kind} ${name} (none to remove)`, config: next };
      const setting = random.pick(keys);
      delete settings[setting];
      return { kind, label: `${kind} ${name}.${setting}`, config: next };
    }
    case "add-provider": {
      const name = random.pick(undeclared);
      next.providers[name] = newProvider(name, random.chance(0.7), randomSettings(random, name), canary);
      return { kind, label: `${kind} ${name}`, config: next };
    }
    case "remove-provider": {
      const name = random.pick(declared);
      delete next.providers[name];
      return { kind, label: `${kind} ${name}`, config: next };
    }
    case "rename-provider": {
      const from = random.pick(renames);
      const to = random.pick(renameTargets);
      next.providers[to] = next.providers[from]!;
      delete next.providers[from];
      return { kind, label: `${kind} ${from} -> ${to}`, config: next };
    }
    case "rotate-secret": {
      next.providers[CREDENTIALED]!.credentials = { client_id: "soak-client", client_secret: canary() };
      return { kind, label: `${kind} ${CREDENTIALED}`, config: next };
    }
    case "break-config":
    case "repair-config": {
      const name = random.pick(declared);
      next.broken = name;
      return { kind: "break-config", label: `break-config ${name}.enabled`, config: next };
    }
  }
}

/** The config as `setStackConfig` takes it: plain values, and credential leaves as secrets (by path). */
export function stackConfigOf(config: SoakConfig): {
  values: Record<string, unknown>;
  secrets: Record<string, string>;
} {
  const providers: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [name, provider] of Object.entries(config.providers)) {
    providers[name] = {
      enabled: config.broken === name ? "yes" : provider.enabled,
      settings: provider.settings,
    };
    for (const [key, value] of Object.entries(provider.credentials ?? {})) {
      secrets[`qard:providers.${name}.credentials.${key}`] = value;
    }
  }
  return { values: { "qard:providers": providers }, secrets };
}
