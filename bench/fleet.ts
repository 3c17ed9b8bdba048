import { CATALOGUE, type ProviderDefinition } from "../emulator/catalogue.ts";

/**
 * The Qard stack config of a benchmark: the first `count` providers of the emulator's catalogue, each
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

const MAX_FLEET = CATALOGUE.length;

/** The provider whose setting is changed and whose credentials are rotated: it has a setting and a text key. */
export const CHANGED_PROVIDER = "shopify";

export function maxFleetSize(): number {
  return MAX_FLEET;
}

export function fleet(count: number, variant: Variant = {}): Fleet {
  if (count < 1 || count > MAX_FLEET) {
    throw new RangeError(`a fleet has 1 to ${MAX_FLEET} providers (the emulator's catalogue), not ${count}`);
  }
  const definitions = [...CATALOGUE].sort(changedFirst).slice(0, count);
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
