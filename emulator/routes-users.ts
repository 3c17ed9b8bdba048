/** End users and their data connections: enough of Qard to test an integration end to end. */
import { randomUUID } from "node:crypto";
import { ApiError, notFound, unprocessable } from "./api-error.ts";
import type { QardContext } from "./context.ts";
import { isRecord, isStringArray } from "./json.ts";
import type { Route } from "./router.ts";
import { renderList } from "./shapes.ts";
import type { DataConnection, EmulatorState, LegalUser } from "./state.ts";
import { formatTimestamp } from "./time.ts";

function userJson(user: LegalUser): Record<string, unknown> {
  return {
    id: user.id,
    type: "LEGAL",
    name: user.name,
    siren: user.siren,
    created_at: formatTimestamp(user.createdAtMs),
  };
}

/** The page the end user opens to authorize a connection; the emulator serves it under /_emulator. */
function authorizeUrl(baseUrl: string, connectionId: string): string {
  return `${baseUrl}/_emulator/authorize/${encodeURIComponent(connectionId)}`;
}

export function connectionJson(connection: DataConnection, baseUrl: string): Record<string, unknown> {
  return {
    id: connection.id,
    user_id: connection.userId,
    provider_name: connection.providerName,
    status: connection.status,
    redirect_url: connection.status === "AUTH_REQUIRED" ? authorizeUrl(baseUrl, connection.id) : null,
    requested_data_types: [...connection.requestedDataTypes],
    skip_permissions: connection.skipPermissions,
    created_at: formatTimestamp(connection.createdAtMs),
  };
}

export function findUser(state: EmulatorState, userId: string | undefined): LegalUser {
  const user = state.users.find((candidate) => candidate.id === userId);
  if (user === undefined) throw notFound(`User ${userId ?? ""} not found.`);
  return user;
}

function parseLegalUser(body: unknown, nowMs: number): LegalUser {
  if (!isRecord(body) || typeof body.name !== "string" || body.name.trim() === "") {
    throw unprocessable("INVALID_USER", "A legal user needs a non-empty string `name`.");
  }
  const siren = body.siren ?? null;
  if (siren !== null && (typeof siren !== "string" || !/^\d{9}$/.test(siren))) {
    throw unprocessable("INVALID_USER", "`siren`, when given, must be a string of 9 digits.");
  }
  return { id: randomUUID(), name: body.name, siren, createdAtMs: nowMs };
}

function parseConnection(
  context: QardContext,
  user: LegalUser,
  body: unknown,
  nowMs: number,
): DataConnection {
  const { state } = context;
  if (!isRecord(body) || typeof body.provider_name !== "string") {
    throw unprocessable("INVALID_DATA_CONNECTION", "A data connection needs a string `provider_name`.");
  }
  const definition = context.catalogue.find(body.provider_name);
  const provider = definition === undefined ? undefined : state.providers[definition.name];
  if (definition === undefined || provider === undefined) {
    throw unprocessable("UNKNOWN_PROVIDER", "`provider_name` does not name a known provider.");
  }
  if (!provider.enabled) {
    const message = `Provider ${definition.name} is not enabled: PUT /api/v6/providers/${definition.name} {"enable": true} first.`;
    throw unprocessable("PROVIDER_NOT_ENABLED", message);
  }
  const requested = body.requested_data_types ?? [...definition.dataTypes];
  if (!isStringArray(requested) || requested.length === 0) {
    throw unprocessable(
      "INVALID_DATA_CONNECTION",
      "`requested_data_types` must be a non-empty array of strings.",
    );
  }
  const unsupported = requested.filter((type) => !definition.dataTypes.includes(type));
  if (unsupported.length > 0) {
    const message = `Provider ${definition.name} does not supply some requested data types; it supplies ${definition.dataTypes.join(", ")}.`;
    throw unprocessable("UNSUPPORTED_DATA_TYPE", message);
  }
  if (body.skip_permissions !== undefined && typeof body.skip_permissions !== "boolean") {
    throw unprocessable("INVALID_DATA_CONNECTION", "`skip_permissions`, when given, must be a boolean.");
  }
  const duplicate = state.connections.some((c) => c.userId === user.id && c.providerName === definition.name);
  if (definition.unique && duplicate) {
    const message = `Provider ${definition.name} allows one data connection per user and this user has one.`;
    throw new ApiError(409, "DATA_CONNECTION_EXISTS", message);
  }
  return {
    id: randomUUID(),
    userId: user.id,
    providerName: definition.name,
    status: definition.authRequired ? "AUTH_REQUIRED" : "CONNECTED",
    requestedDataTypes: [...new Set(requested)],
    skipPermissions: body.skip_permissions === true,
    createdAtMs: nowMs,
  };
}

export const userRoutes: Route<QardContext>[] = [
  {
    method: "POST",
    pattern: "/api/v6/users/legal",
    mutates: true,
    handle: (input, context) => {
      const user = parseLegalUser(input.body, input.nowMs);
      context.state.users.push(user);
      return { status: 201, body: userJson(user) };
    },
  },
  {
    method: "GET",
    pattern: "/api/v6/users/{userId}",
    mutates: false,
    handle: (input, context) => ({
      status: 200,
      body: userJson(findUser(context.state, input.params.userId)),
    }),
  },
  {
    method: "POST",
    pattern: "/api/v6/users/{userId}/data-connections",
    mutates: true,
    handle: (input, context) => {
      const user = findUser(context.state, input.params.userId);
      const connection = parseConnection(context, user, input.body, input.nowMs);
      context.state.connections.push(connection);
      return { status: 201, body: connectionJson(connection, context.baseUrl) };
    },
  },
  {
    method: "GET",
    pattern: "/api/v6/users/{userId}/data-connections",
    mutates: false,
    handle: (input, context) => {
      const user = findUser(context.state, input.params.userId);
      const connections = context.state.connections
        .filter((connection) => connection.userId === user.id)
        .map((connection) => connectionJson(connection, context.baseUrl));
      return { status: 200, body: renderList(context.shapes, connections, input.query) };
    },
  },
  {
    method: "GET",
    pattern: "/api/v6/users/{userId}/data-connections/{connectionId}",
    mutates: false,
    handle: (input, context) => {
      const user = findUser(context.state, input.params.userId);
      const connection = context.state.connections.find(
        (candidate) => candidate.userId === user.id && candidate.id === input.params.connectionId,
      );
      if (connection === undefined)
        throw notFound(`Data connection ${input.params.connectionId ?? ""} not found.`);
      return { status: 200, body: connectionJson(connection, context.baseUrl) };
    },
  },
];
