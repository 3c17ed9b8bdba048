import { z } from "zod";
import { isRecord } from "../is-record.ts";
import {
  DATA_CONNECTION_STATUSES,
  SYNC_STATUSES,
  type DataConnection,
  type LegalUser,
  type QardProvider,
  type SyncStatus,
} from "./model.ts";
import { currentSettings } from "./provider-settings.ts";

// The definition of what the client accepts from Qard, and the wording of what it refuses. Loaded with zod
// on the first answer that plain-answers.ts leaves to it, so that a provider process whose answers all
// have the usual shapes never loads zod. Answers are read tolerantly: unknown fields are ignored (kept
// only where a setting may live at top level), and where the docs show no shape, every plausible one is
// accepted.

/** Ids are strings in the docs; a numeric id is the same id, not a malformed answer. */
const id = z.union([z.string().min(1), z.number().int()]).transform(String);

/** A list of names: ["a", "b"], [{name: "a"}] or {a: ..., b: ...}. Absent or null means none. */
const nameEntry = z.union([
  z.string(),
  z.looseObject({ name: z.string() }).transform((o) => o.name),
  z.looseObject({ key: z.string() }).transform((o) => o.key),
]);
const nameList = z
  .union([z.array(nameEntry), z.record(z.string(), z.unknown()).transform((o) => Object.keys(o))])
  .nullish()
  .transform((names) => names ?? []);

/** Documented as a list of names; an object map {name: value} is accepted and may carry the values. */
const settingsField = z.union([z.array(nameEntry), z.record(z.string(), z.unknown())]).nullish();

export const providerSchema = z
  .looseObject({
    name: z.string().min(1),
    enabled: z.boolean(),
    available: z.boolean(),
    auth_required: z.boolean().nullish(),
    unique: z.boolean().nullish(),
    logo_url: z.string().nullish(),
    credentials_config: nameList,
    settings: settingsField,
    data_types: nameList,
  })
  .transform((raw): QardProvider => {
    const settingsMap = isRecord(raw.settings) ? raw.settings : undefined;
    const settingNames = Array.isArray(raw.settings) ? raw.settings : Object.keys(settingsMap ?? {});
    const provider: QardProvider = {
      name: raw.name,
      enabled: raw.enabled,
      available: raw.available,
      authRequired: raw.auth_required ?? false,
      unique: raw.unique ?? false,
      credentialKeys: raw.credentials_config,
      settingNames,
      settings: currentSettings(settingNames, settingsMap, raw),
      dataTypes: raw.data_types,
    };
    if (typeof raw.logo_url === "string" && raw.logo_url !== "") provider.logoUrl = raw.logo_url;
    return provider;
  });

export const dataConnectionSchema = z
  .looseObject({
    id,
    provider_name: z.string(),
    status: z.enum(DATA_CONNECTION_STATUSES),
    redirect_url: z.string().nullish(),
  })
  .transform((raw): DataConnection => {
    const connection: DataConnection = { id: raw.id, providerName: raw.provider_name, status: raw.status };
    if (typeof raw.redirect_url === "string" && raw.redirect_url !== "") {
      connection.redirectUrl = raw.redirect_url;
    }
    return connection;
  });

export const syncStatusSchema = z
  .looseObject({
    id,
    data_type: z.string(),
    provider_name: z.string(),
    status: z.enum(SYNC_STATUSES),
    data_connection_id: id.nullish(),
    requested_at: z.string().nullish(),
    completed_at: z.string().nullish(),
  })
  .transform((raw): SyncStatus => {
    const sync: SyncStatus = {
      id: raw.id,
      dataType: raw.data_type,
      providerName: raw.provider_name,
      status: raw.status,
    };
    if (typeof raw.data_connection_id === "string") sync.dataConnectionId = raw.data_connection_id;
    if (typeof raw.requested_at === "string") sync.requestedAt = raw.requested_at;
    // null is meaningful ("not completed yet"); only an absent field is left out.
    if (raw.completed_at !== undefined) sync.completedAt = raw.completed_at;
    return sync;
  });

export const legalUserSchema = z
  .looseObject({ id, name: z.string().nullish() })
  .transform((raw): LegalUser =>
    typeof raw.name === "string" ? { id: raw.id, name: raw.name } : { id: raw.id },
  );

/** The envelope other list endpoints use; only `result` is required. */
export const pageEnvelopeSchema = z.looseObject({
  result: z.array(z.unknown()),
  total: z.number().nullish(),
  per_page: z.number().nullish(),
  current_page: z.number().int().nullish(),
  last_page: z.number().int().nullish(),
});

/** POST /sync is undocumented on the way back: a bare array, an envelope, or one status are all read. */
export const syncAnswerSchema = z.union([
  z.array(syncStatusSchema),
  z.looseObject({ result: z.array(syncStatusSchema) }).transform((envelope) => envelope.result),
  syncStatusSchema.transform((status) => [status]),
]);

/** The items of a list answer, each read with `item`. */
export function arrayOf<S extends z.ZodType>(item: S): z.ZodArray<S> {
  return z.array(item);
}

/** Items returned as Qard sent them. */
export const anyItem = z.unknown();
