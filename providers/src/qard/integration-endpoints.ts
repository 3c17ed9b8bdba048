import { loadSchemas } from "./answer-schemas.ts";
import { API, requireIdentifier, segment } from "./endpoint-path.ts";
import { QardConfigError } from "./errors.ts";
import {
  COMMERCE_COLLECTION_DATA_TYPES,
  type CommerceCollection,
  type DataConnection,
  type LegalUser,
  type SyncStatus,
} from "./model.ts";
import { collectPages, type ListItems } from "./paged-list.ts";
import { parseAnswer } from "./parse-answer.ts";
import { requireJson, type RequestPipeline } from "./request-pipeline.ts";

// The endpoints of a user's data (users, data connections, syncs, commerce data): what `npm run verify`
// calls to prove that a configured provider works end to end. The Pulumi resources never call them.
// Each is documented once, on the QardClient method that exposes it (client.ts): the API users read.

const ANY_ITEMS: ListItems<unknown> = {
  plain: (values) => [...values],
  schema: (schemas) => schemas.anyItem,
};

const COMMERCE_COLLECTIONS = Object.keys(COMMERCE_COLLECTION_DATA_TYPES) as readonly string[];

export async function createLegalUser(
  pipeline: RequestPipeline,
  input: { name: string; siren?: string },
): Promise<LegalUser> {
  if (typeof input?.name !== "string" || input.name === "") {
    throw new QardConfigError("createLegalUser: name must be a non-empty string");
  }
  const body: Record<string, string> = { name: input.name };
  if (input.siren !== undefined) body["siren"] = input.siren;
  const answer = await pipeline.send({ method: "POST", path: `${API}/users/legal`, body });
  return parseAnswer((await loadSchemas()).legalUserSchema, requireJson(answer), answer.origin);
}

export async function createDataConnection(
  pipeline: RequestPipeline,
  userId: string,
  input: { providerName: string; requestedDataTypes: string[]; skipPermissions?: boolean },
): Promise<DataConnection> {
  requireIdentifier(input?.providerName, "provider name");
  const body: Record<string, unknown> = {
    provider_name: input.providerName,
    requested_data_types: input.requestedDataTypes,
  };
  if (input.skipPermissions !== undefined) body["skip_permissions"] = input.skipPermissions;
  const answer = await pipeline.send({
    method: "POST",
    path: `${API}/users/${segment(userId, "user id")}/data-connections`,
    body,
  });
  return parseAnswer((await loadSchemas()).dataConnectionSchema, requireJson(answer), answer.origin);
}

export async function getDataConnection(
  pipeline: RequestPipeline,
  userId: string,
  connectionId: string,
): Promise<DataConnection> {
  const answer = await pipeline.send({
    method: "GET",
    path: `${API}/users/${segment(userId, "user id")}/data-connections/${segment(connectionId, "data connection id")}`,
  });
  return parseAnswer((await loadSchemas()).dataConnectionSchema, requireJson(answer), answer.origin);
}

export async function startSync(
  pipeline: RequestPipeline,
  userId: string,
  dataTypes?: string[],
): Promise<SyncStatus[]> {
  const answer = await pipeline.send({
    method: "POST",
    path: `${API}/users/${segment(userId, "user id")}/sync`,
    body: dataTypes === undefined ? {} : { data_types: dataTypes },
  });
  if (answer.body.kind === "empty") return [];
  return parseAnswer((await loadSchemas()).syncAnswerSchema, requireJson(answer), answer.origin);
}

export async function latestSyncs(pipeline: RequestPipeline, userId: string): Promise<SyncStatus[]> {
  const answer = await pipeline.send({
    method: "GET",
    path: `${API}/users/${segment(userId, "user id")}/sync/latest`,
  });
  const schemas = await loadSchemas();
  return parseAnswer(schemas.arrayOf(schemas.syncStatusSchema), requireJson(answer), answer.origin);
}

export async function listCommerce(
  pipeline: RequestPipeline,
  userId: string,
  collection: CommerceCollection,
): Promise<unknown[]> {
  if (!COMMERCE_COLLECTIONS.includes(collection)) {
    throw new QardConfigError(
      `listCommerce: collection must be one of ${COMMERCE_COLLECTIONS.join(", ")}, got ${JSON.stringify(collection)}`,
    );
  }
  return collectPages(
    pipeline,
    `${API}/users/${segment(userId, "user id")}/commerce-${collection}`,
    ANY_ITEMS,
  );
}
