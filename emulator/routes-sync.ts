/** Synchronizations and the commerce data they make available. */
import { randomUUID } from "node:crypto";
import { unprocessable } from "./api-error.ts";
import { COMMERCE_COLLECTION_DATA_TYPES, type CommerceCollection } from "@qard-iac/pulumi-qard/qard";
import { commerceRecords } from "./commerce.ts";
import type { QardContext } from "./context.ts";
import { isRecord, isStringArray } from "./json.ts";
import type { Route } from "./router.ts";
import { findUser } from "./routes-users.ts";
import { renderList } from "./shapes.ts";
import type { Sync } from "./state.ts";
import { latestSyncs, planSync, syncJson, syncStatusAt } from "./sync.ts";

/** The data types of a sync request; undefined means "all of them". */
function requestedTypes(body: unknown): string[] | undefined {
  if (body === undefined || (isRecord(body) && body.data_types === undefined)) return undefined;
  if (!isRecord(body) || !isStringArray(body.data_types) || body.data_types.length === 0) {
    throw unprocessable("INVALID_SYNC", "`data_types`, when given, must be a non-empty array of strings.");
  }
  return body.data_types;
}

function commerceRoute(kind: CommerceCollection): Route<QardContext> {
  return {
    method: "GET",
    pattern: `/api/v6/users/{userId}/commerce-${kind}`,
    mutates: false,
    handle: (input, context) => {
      const user = findUser(context.state, input.params.userId);
      const dataType = COMMERCE_COLLECTION_DATA_TYPES[kind];
      const latest = latestSyncs(context.state.syncs, user.id).find((sync) => sync.dataType === dataType);
      // Data appears once a sync of its type has succeeded, as with Qard; before that the list is empty.
      const synced = latest !== undefined && syncStatusAt(latest, input.nowMs) === "SUCCESS";
      const records = synced ? commerceRecords(user.id, kind) : [];
      return { status: 200, body: renderList(context.shapes, records, input.query) };
    },
  };
}

export const syncRoutes: Route<QardContext>[] = [
  {
    method: "POST",
    pattern: "/api/v6/users/{userId}/sync",
    mutates: true,
    handle: (input, context) => {
      const user = findUser(context.state, input.params.userId);
      const { state } = context;
      const plan = planSync(state.connections, state.syncs, user.id, requestedTypes(input.body), input.nowMs);
      if (!plan.ok) throw plan.error;
      const created: Sync[] = plan.syncs.map(({ dataType, connection }) => ({
        id: randomUUID(),
        userId: user.id,
        dataType,
        providerName: connection.providerName,
        dataConnectionId: connection.id,
        requestedAtMs: input.nowMs,
        delayMs: context.syncDelayMs,
      }));
      state.syncs.push(...created);
      return { status: 201, body: created.map((sync) => syncJson(sync, input.nowMs)) };
    },
  },
  {
    method: "GET",
    pattern: "/api/v6/users/{userId}/sync/latest",
    mutates: false,
    handle: (input, context) => {
      const user = findUser(context.state, input.params.userId);
      const latest = latestSyncs(context.state.syncs, user.id);
      return { status: 200, body: latest.map((sync) => syncJson(sync, input.nowMs)) };
    },
  },
  ...(Object.keys(COMMERCE_COLLECTION_DATA_TYPES) as CommerceCollection[]).map(commerceRoute),
];
