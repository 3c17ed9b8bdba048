// Reads the answers a create, an update, a refresh and a destroy get from Qard when all is well, without
// zod: loading zod costs a fresh provider process about 80 ms of CPU, more than the rest of the library.
// schemas.ts stays the definition of what is accepted and the wording of what is refused. Each reader
// here returns exactly what the schema would return, or `undefined` for anything it does not recognise —
// every malformed answer, and unusual valid ones — which the client then gives to the schema. So a reader
// may be stricter than the schema, never looser (test/properties/plain-answers.properties.spec.ts).
import { isPrototypeKey } from "../prototype-keys.ts";
import type { QardProvider } from "./model.ts";
import { currentSettings } from "./provider-settings.ts";

/** The fields of a page envelope the client uses, as pageEnvelopeSchema reads them. */
export interface PlainPage {
  result: unknown[];
  current_page?: number | null;
  last_page?: number | null;
}

/** A list of providers as `z.array(providerSchema)` reads it, or undefined. */
export function plainProviders(values: readonly unknown[]): QardProvider[] | undefined {
  const providers: QardProvider[] = [];
  for (const value of values) {
    const provider = plainProvider(value);
    if (provider === undefined) return undefined;
    providers.push(provider);
  }
  return providers;
}

/** A page envelope as pageEnvelopeSchema reads it (the fields the client uses), or undefined. */
export function plainPage(value: unknown): PlainPage | undefined {
  if (!isPlainRecord(value) || !Array.isArray(value.result)) return undefined;
  const { current_page: current, last_page: last, total, per_page: perPage } = value;
  if (!isNullishOr(total, isFiniteNumber) || !isNullishOr(perPage, isFiniteNumber)) return undefined;
  if (!isNullishOr(current, Number.isSafeInteger) || !isNullishOr(last, Number.isSafeInteger))
    return undefined;
  const page: PlainPage = { result: [...(value.result as unknown[])] };
  if (current !== undefined) page.current_page = current as number | null;
  if (last !== undefined) page.last_page = last as number | null;
  return page;
}

function plainProvider(raw: unknown): QardProvider | undefined {
  if (!isPlainRecord(raw)) return undefined;
  const { name, enabled, available, auth_required: authRequired, unique, logo_url: logoUrl } = raw;
  if (typeof name !== "string" || name === "") return undefined;
  if (typeof enabled !== "boolean" || typeof available !== "boolean") return undefined;
  if (!isNullishOr(authRequired, isBoolean) || !isNullishOr(unique, isBoolean)) return undefined;
  if (!isNullishOr(logoUrl, isString)) return undefined;
  const credentialKeys = nameList(raw.credentials_config);
  const dataTypes = nameList(raw.data_types);
  if (credentialKeys === undefined || dataTypes === undefined) return undefined;
  const settings = raw.settings;
  let settingNames: string[] | undefined;
  let settingsMap: Record<string, unknown> | undefined;
  if (settings === undefined || settings === null) settingNames = [];
  else if (Array.isArray(settings)) settingNames = names(settings);
  else if (isPlainRecord(settings)) {
    settingsMap = settings;
    settingNames = Object.keys(settings);
  }
  if (settingNames === undefined) return undefined;
  const provider: QardProvider = {
    name,
    enabled,
    available,
    authRequired: authRequired === true,
    unique: unique === true,
    credentialKeys,
    settingNames,
    settings: currentSettings(settingNames, settingsMap, raw),
    dataTypes,
  };
  if (typeof logoUrl === "string" && logoUrl !== "") provider.logoUrl = logoUrl;
  return provider;
}

/** ["a", "b"], [{name: "a"}], [{key: "a"}] or {a: ..., b: ...}; absent or null is none. */
function nameList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return names(value);
  return isPlainRecord(value) ? Object.keys(value) : undefined;
}

function names(entries: readonly unknown[]): string[] | undefined {
  const out: string[] = [];
  for (const entry of entries) {
    if (typeof entry === "string") out.push(entry);
    else if (isPlainRecord(entry) && typeof entry.name === "string") out.push(entry.name);
    else if (isPlainRecord(entry) && typeof entry.key === "string") out.push(entry.key);
    else return undefined;
  }
  return out;
}

/**
 * An object as JSON.parse makes it, with none of the keys on which zod's copy and a plain read could
 * differ (`__proto__` is dropped by zod's records, a symbol or hidden key is seen by one and not the other).
 */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) {
    return false;
  }
  const keys = Object.keys(value);
  return Reflect.ownKeys(value).length === keys.length && !keys.some(isPrototypeKey);
}

function isNullishOr(value: unknown, test: (value: unknown) => boolean): boolean {
  return value === undefined || value === null || test(value);
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === "boolean";
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isFiniteNumber(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value);
}
