import { CATALOGUE, type ProviderDefinition } from "../emulator/catalogue.ts";

/** Where the built-in providers end, the synthetic ones start: `bench_p15` is the 15th provider. */
const FIRST_SYNTHETIC = CATALOGUE.length + 1;
/** The issue asks for stacks of 1, 10 and 50 Qard resources; one resource is one provider. */
const LARGEST_FLEET = 50;

/**
 * The providers the benchmark adds to its emulator so that a stack can have 50 resources (the built-in
 * catalogue has 14). Every other one has client_id/client_secret credentials, like shopify, and the rest none,
 * like the sandbox providers; all have an auto_connect setting. Each so needs the calls of a real provider of
 * its kind, and the library, which knows none of them, checks their keys against the API's answer.
 */
export const SYNTHETIC_PROVIDERS: readonly ProviderDefinition[] = Array.from(
  { length: LARGEST_FLEET - CATALOGUE.length },
  (_, index): ProviderDefinition => {
    const withCredentials = index % 2 === 0;
    return {
      name: `bench_p${FIRST_SYNTHETIC + index}`,
      unique: false,
      authRequired: withCredentials,
      credentials: withCredentials
        ? [
            { name: "client_id", type: "string" },
            { name: "client_secret", type: "string" },
          ]
        : [],
      settings: ["auto_connect"],
      dataTypes: withCredentials ? ["COMMERCE_ORDER"] : ["COMPANY_PROFILE"],
    };
  },
);

/** What the benchmark's emulator knows: the built-in providers, then the synthetic ones. */
const BENCH_CATALOGUE: readonly ProviderDefinition[] = [...CATALOGUE, ...SYNTHETIC_PROVIDERS];

/**
 * The Qard stack config of a benchmark: the first `count` providers of the bench emulator's catalogue, each
 * enabled, with its first setting turned on and, where the provider has credentials, every credential key
 * set by value (text keys as secret config, `is_sandbox` as a plain boolean since a secret would be text).
 */
export interface Fleet {
  /** For `setStackConfig`: the `qard:*` values and the secret leaves by path. */
  values: Record<string, unknown>;
  secretPaths: Record<string, string>;
  /** What the least chatty tool would send to configure the fleet on an empty account. */
  minimumCreatePuts: number;
}

interface Variant {
  /** Turns the first setting of CHANGED_PROVIDER back off. */
  settingChanged?: boolean;
}

/** The provider whose setting is changed and whose credentials are rotated: it has a setting and a text key. */
export const CHANGED_PROVIDER = "shopify";

export function fleet(count: number, variant: Variant = {}): Fleet {
  if (count < 1 || count > BENCH_CATALOGUE.length) {
    throw new RangeError(
      `a fleet has 1 to ${BENCH_CATALOGUE.length} providers (the bench emulator's catalogue), not ${count}`,
    );
  }
  const definitions = [...BENCH_CATALOGUE].sort(changedFirst).slice(0, count);
  const providers: Record<string, unknown> = {};
  const secretPaths: Record<string, string> = {};
  let minimumCreatePuts = 0;
  for (const definition of definitions) {
    const isChanged = definition.name === CHANGED_PROVIDER;
    const settings: Record<string, boolean> = {};
    const firstSetting = definition.settings[0];
    if (firstSetting !== undefined) settings[firstSetting] = !(isChanged && variant.settingChanged);
    const plainCredentials: Record<string, boolean> = {};
    for (const key of definition.credentials) {
      if (key.type === "boolean") plainCredentials[key.name] = true;
      else {
        secretPaths[`qard:providers.${definition.name}.credentials.${key.name}`] =
          `bench-${definition.name}-${key.name}-v1`;
      }
    }
    const entry: Record<string, unknown> = { enabled: true, settings };
    if (definition.credentials.length > 0) entry.credentials = plainCredentials;
    providers[definition.name] = entry;
    // The emulator starts every setting off and every provider disabled, without credentials.
    minimumCreatePuts +=
      (definition.credentials.length > 0 ? 1 : 0) + (firstSetting !== undefined ? 1 : 0) + 1;
  }
  return {
    values: { "qard:providers": providers },
    secretPaths,
    minimumCreatePuts,
  };
}

/** Rotation in value mode: a new value for one secret credential of CHANGED_PROVIDER. */
export function rotationPath(): { path: string; value: string } {
  const definition = CATALOGUE.find((candidate) => candidate.name === CHANGED_PROVIDER);
  if (!definition) throw new Error(`the emulator's catalogue has no ${CHANGED_PROVIDER}`);
  const key = rotatedKey(definition);
  return {
    path: `qard:providers.${CHANGED_PROVIDER}.credentials.${key}`,
    value: `bench-${CHANGED_PROVIDER}-${key}-v2`,
  };
}

function rotatedKey(definition: ProviderDefinition): string {
  const key = definition.credentials.find((candidate) => candidate.type === "string");
  if (!key) throw new Error(`${definition.name} has no text credential to rotate`);
  return key.name;
}

// A fleet of one is the provider that the setting-change and rotation steps touch.
function changedFirst(a: ProviderDefinition, b: ProviderDefinition): number {
  return Number(b.name === CHANGED_PROVIDER) - Number(a.name === CHANGED_PROVIDER);
}
