/**
 * Checks the extra providers an emulator is started with. They come from TypeScript callers and from a JSON
 * file given on the command line, so every field is checked as if it came from JSON, and a mistake names
 * the entry and the field rather than surfacing later as a puzzling answer of the API.
 */
import { CATALOGUE, type CredentialKey, type ProviderDefinition } from "./catalogue.ts";
import { isRecord } from "./json.ts";
import { isProviderName, PROVIDER_NAME_PATTERN } from "@qard-iac/pulumi-qard/internal";
import { providerJson } from "./provider-json.ts";

/** Credential keys and settings are JSON field names in Qard's snake_case. */
const FIELD_NAME = /^[a-z][a-z0-9_]*$/;

const FIELDS = ["name", "unique", "authRequired", "credentials", "settings", "dataTypes"] as const;

// Each setting's value is a top-level field of the provider object, so a setting named like another field
// would overwrite it. auto_connect is the exception: that field is documented to carry the setting's value.
const RESERVED_SETTINGS: ReadonlySet<string> = new Set(
  Object.keys(
    providerJson(
      { name: "x", unique: false, authRequired: false, credentials: [], settings: [], dataTypes: [] },
      { enabled: false, available: true, settings: {} },
    ),
  ).filter((field) => field !== "auto_connect"),
);

/** Validates extra provider definitions; throws an Error naming the entry and field at fault. */
export function parseExtraProviders(input: unknown): ProviderDefinition[] {
  if (!Array.isArray(input)) throw new Error("must be an array of provider definitions");
  const builtIn = new Set(CATALOGUE.map((definition) => definition.name));
  const seen = new Set<string>();
  return input.map((entry: unknown, index) => {
    const definition = parseDefinition(entry, `entry ${index}`);
    if (builtIn.has(definition.name)) {
      throw new Error(
        `entry ${index}: name "${definition.name}" is a built-in provider; choose another name`,
      );
    }
    if (seen.has(definition.name)) {
      throw new Error(`entry ${index}: name "${definition.name}" is given to an earlier entry too`);
    }
    seen.add(definition.name);
    return definition;
  });
}

function parseDefinition(entry: unknown, at: string): ProviderDefinition {
  if (!isRecord(entry)) throw new Error(`${at} must be an object`);
  const unknown = Object.keys(entry).filter((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new Error(`${at} has unknown fields ${unknown.join(", ")} (known: ${FIELDS.join(", ")})`);
  }
  const { name } = entry;
  // The names the stack config accepts, which also keeps them usable as a URL path segment.
  if (!isProviderName(name)) {
    throw new Error(`${at}: name must be a string matching ${PROVIDER_NAME_PATTERN} (like shopify)`);
  }
  const where = `${at} (${name})`;
  for (const flag of ["unique", "authRequired"] as const) {
    if (typeof entry[flag] !== "boolean") throw new Error(`${where}: ${flag} must be a boolean`);
  }
  const settings = uniqueStrings(entry.settings, `${where}: settings`, FIELD_NAME);
  const reserved = settings.filter((setting) => RESERVED_SETTINGS.has(setting));
  if (reserved.length > 0) {
    throw new Error(`${where}: settings ${reserved.join(", ")} would hide the provider field of that name`);
  }
  const dataTypes = uniqueStrings(entry.dataTypes, `${where}: dataTypes`, /^\S+$/);
  // A data connection defaults to every data type of its provider, and needs at least one.
  if (dataTypes.length === 0) throw new Error(`${where}: dataTypes must name at least one data type`);
  return {
    name,
    unique: entry.unique as boolean,
    authRequired: entry.authRequired as boolean,
    credentials: parseCredentials(entry.credentials, `${where}: credentials`),
    settings,
    dataTypes,
  };
}

function parseCredentials(input: unknown, at: string): CredentialKey[] {
  if (!Array.isArray(input)) throw new Error(`${at} must be an array of {name, type}`);
  const keys = input.map((key: unknown, index): CredentialKey => {
    const here = `${at}[${index}]`;
    if (!isRecord(key) || Object.keys(key).some((field) => field !== "name" && field !== "type")) {
      throw new Error(`${here} must be an object with exactly the fields name and type`);
    }
    if (typeof key.name !== "string" || !FIELD_NAME.test(key.name)) {
      throw new Error(`${here}.name must be a string matching ${FIELD_NAME}`);
    }
    if (key.type !== "string" && key.type !== "boolean") {
      throw new Error(`${here}.type must be "string" or "boolean"`);
    }
    return { name: key.name, type: key.type };
  });
  const duplicates = keys.filter((key, index) => keys.findIndex((k) => k.name === key.name) !== index);
  if (duplicates.length > 0) {
    throw new Error(`${at} names ${duplicates.map((key) => key.name).join(", ")} more than once`);
  }
  return keys;
}

function uniqueStrings(input: unknown, at: string, pattern: RegExp): string[] {
  if (!Array.isArray(input) || input.some((item) => typeof item !== "string" || !pattern.test(item))) {
    throw new Error(`${at} must be an array of strings matching ${pattern}`);
  }
  const items = input as string[];
  const duplicates = items.filter((item, index) => items.indexOf(item) !== index);
  if (duplicates.length > 0) throw new Error(`${at} names ${duplicates.join(", ")} more than once`);
  return [...items];
}
