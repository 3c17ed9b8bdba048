import type { z } from "zod";
import { identifierProblem, quoteRefused } from "../identifier.ts";
import { isPrototypeKey, PROTOTYPE_KEY_REASON } from "../prototype-keys.ts";
import {
  createApiError,
  QardConfigError,
  QardIdentifierError,
  QardNetworkError,
  QardRedirectError,
  QardResponseError,
  type QardError,
} from "./errors.ts";
import {
  COMMERCE_COLLECTION_DATA_TYPES,
  type CommerceCollection,
  type DataConnection,
  type LegalUser,
  type QardProvider,
  type SyncStatus,
} from "./model.ts";
import {
  normalizeOptions,
  type NormalizedOptions,
  type QardClientOptions,
  type RequestEvent,
} from "./options.ts";
import { parseAnswer, type AnswerOrigin } from "./parse-answer.ts";
import { createRedactor, type Redactor } from "./redact.ts";
import { abortableClock, runWithRetry, type RetryRun } from "./retry.ts";
import { isRetryable, type AttemptOutcome } from "./retry-policy.ts";
import { plainPage, plainProviders, type PlainPage } from "./plain-answers.ts";
import { unusableSuccessProblem } from "./success-answer.ts";
import { sendOnce, type ParsedBody, type TransportResult } from "./transport.ts";

type Schemas = typeof import("./schemas.ts");

/**
 * The answer schemas, and zod with them, are loaded on the first answer that plain-answers.ts leaves to
 * them: a provider process whose answers all have the usual shapes never pays for loading zod.
 */
function loadSchemas(): Promise<Schemas> {
  return import("./schemas.ts");
}

/** How a list reads its items: plainly where it can (plain-answers.ts), else with the schema. */
interface ListItems<T> {
  plain: (values: readonly unknown[]) => T[] | undefined;
  schema: (schemas: Schemas) => z.ZodType<T, unknown>;
}

const PROVIDER_ITEMS: ListItems<QardProvider> = {
  plain: plainProviders,
  schema: (schemas) => schemas.providerSchema,
};

const ANY_ITEMS: ListItems<unknown> = {
  plain: (values) => [...values],
  schema: (schemas) => schemas.anyItem,
};

const API = "/api/v6";
// A guard against an envelope whose last_page never comes (or a server that keeps adding pages).
const MAX_PAGES = 1000;

interface RequestSpec {
  method: "GET" | "PUT" | "POST";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Values in the body that must never come back out through an error (credential values). */
  secrets?: readonly string[];
}

interface Answer {
  status: number;
  body: ParsedBody;
  origin: AnswerOrigin;
}

/**
 * Typed client of the Qard API v6. Each call validates its arguments, retries transient failures within
 * the retry budget, and either returns the parsed answer or throws a QardError subclass (see errors.ts).
 * Holds no state beyond its options, so instances are independent.
 */
export class QardClient {
  readonly #options: NormalizedOptions;

  constructor(options: QardClientOptions) {
    this.#options = normalizeOptions(options);
  }

  /** GET /api/v6/providers, following pages when Qard answers with an envelope. */
  async listProviders(): Promise<QardProvider[]> {
    return this.#collectPages(`${API}/providers`, PROVIDER_ITEMS);
  }

  /**
   * PUT /api/v6/providers/{name}/credentials. Credentials are write-only at Qard; their values are scrubbed
   * from anything Qard answers before it can reach an error.
   */
  async putCredentials(name: string, credentials: Record<string, string | boolean>): Promise<void> {
    const secrets = checkCredentials(credentials);
    await this.#request({
      method: "PUT",
      path: `${API}/providers/${segment(name, "provider name")}/credentials`,
      body: { credentials },
      secrets,
    });
  }

  /** PUT /api/v6/providers/{name}/settings with the flat object of settings. */
  async putSettings(name: string, settings: Record<string, boolean>): Promise<void> {
    checkSettings(settings);
    await this.#request({
      method: "PUT",
      path: `${API}/providers/${segment(name, "provider name")}/settings`,
      body: settings,
    });
  }

  /** PUT /api/v6/providers/{name} {"enable": bool}. Qard refuses to enable a provider lacking credentials. */
  async setEnabled(name: string, enabled: boolean): Promise<void> {
    if (typeof enabled !== "boolean") throw new QardConfigError("setEnabled: enabled must be a boolean");
    await this.#request({
      method: "PUT",
      path: `${API}/providers/${segment(name, "provider name")}`,
      body: { enable: enabled },
    });
  }

  /** POST /api/v6/users/legal. Not repeated after an ambiguous failure: it could create the user twice. */
  async createLegalUser(input: { name: string; siren?: string }): Promise<LegalUser> {
    if (typeof input?.name !== "string" || input.name === "") {
      throw new QardConfigError("createLegalUser: name must be a non-empty string");
    }
    const body: Record<string, string> = { name: input.name };
    if (input.siren !== undefined) body["siren"] = input.siren;
    const answer = await this.#request({ method: "POST", path: `${API}/users/legal`, body });
    return parseAnswer((await loadSchemas()).legalUserSchema, requireJson(answer), answer.origin);
  }

  /** POST /api/v6/users/{id}/data-connections. The answer says whether the user must authorize first. */
  async createDataConnection(
    userId: string,
    input: { providerName: string; requestedDataTypes: string[]; skipPermissions?: boolean },
  ): Promise<DataConnection> {
    const problem = identifierProblem(input?.providerName);
    if (problem !== undefined) throw new QardIdentifierError("provider name", input?.providerName, problem);
    const body: Record<string, unknown> = {
      provider_name: input.providerName,
      requested_data_types: input.requestedDataTypes,
    };
    if (input.skipPermissions !== undefined) body["skip_permissions"] = input.skipPermissions;
    const answer = await this.#request({
      method: "POST",
      path: `${API}/users/${segment(userId, "user id")}/data-connections`,
      body,
    });
    return parseAnswer((await loadSchemas()).dataConnectionSchema, requireJson(answer), answer.origin);
  }

  /** GET /api/v6/users/{id}/data-connections/{cid}. */
  async getDataConnection(userId: string, connectionId: string): Promise<DataConnection> {
    const answer = await this.#request({
      method: "GET",
      path: `${API}/users/${segment(userId, "user id")}/data-connections/${segment(connectionId, "data connection id")}`,
    });
    return parseAnswer((await loadSchemas()).dataConnectionSchema, requireJson(answer), answer.origin);
  }

  /**
   * POST /api/v6/users/{id}/sync, for the given data types or all of them. A type already QUEUED or
   * FETCHING makes Qard answer 409, thrown as a QardApiError with status 409: whether that is a failure is
   * the caller's decision.
   */
  async startSync(userId: string, dataTypes?: string[]): Promise<SyncStatus[]> {
    const answer = await this.#request({
      method: "POST",
      path: `${API}/users/${segment(userId, "user id")}/sync`,
      body: dataTypes === undefined ? {} : { data_types: dataTypes },
    });
    if (answer.body.kind === "empty") return [];
    return parseAnswer((await loadSchemas()).syncAnswerSchema, requireJson(answer), answer.origin);
  }

  /** GET /api/v6/users/{id}/sync/latest: the latest sync of each data type. */
  async latestSyncs(userId: string): Promise<SyncStatus[]> {
    const answer = await this.#request({
      method: "GET",
      path: `${API}/users/${segment(userId, "user id")}/sync/latest`,
    });
    const schemas = await loadSchemas();
    return parseAnswer(schemas.arrayOf(schemas.syncStatusSchema), requireJson(answer), answer.origin);
  }

  /** GET /api/v6/users/{id}/commerce-{collection}, every page. Items are returned as Qard sent them. */
  async listCommerce(userId: string, collection: CommerceCollection): Promise<unknown[]> {
    if (!COMMERCE_COLLECTIONS.includes(collection)) {
      throw new QardConfigError(
        `listCommerce: collection must be one of ${COMMERCE_COLLECTIONS.join(", ")}, got ${JSON.stringify(collection)}`,
      );
    }
    return this.#collectPages(`${API}/users/${segment(userId, "user id")}/commerce-${collection}`, ANY_ITEMS);
  }

  /**
   * A list endpoint answers either a bare array (everything) or an envelope; for an envelope, pages
   * current_page+1 .. last_page are fetched with ?page=N. Each page is validated where it was read, so an
   * error names the page's path.
   */
  async #collectPages<T>(path: string, item: ListItems<T>): Promise<T[]> {
    const first = await this.#request({ method: "GET", path });
    const firstBody = requireJson(first);
    if (Array.isArray(firstBody)) return readItems(item, firstBody, first.origin);

    let page = await readPage(firstBody, first.origin);
    const items = await readItems(item, page.result, first.origin, ["result"]);
    let current = page.current_page ?? 1;
    let last = page.last_page ?? current;
    for (let fetched = 1; current < last; fetched++) {
      if (fetched >= MAX_PAGES) {
        throw new QardResponseError("GET", path, `more than ${MAX_PAGES} pages; refusing to follow further`);
      }
      const wantedPage = current + 1;
      const answer = await this.#request({ method: "GET", path, query: { page: String(wantedPage) } });
      page = await readPage(requireJson(answer), answer.origin);
      if (page.current_page != null && page.current_page !== wantedPage) {
        // Following such an answer could loop forever or skip items.
        throw new QardResponseError(
          "GET",
          answer.origin.path,
          `asked for page ${wantedPage} but the answer is page ${page.current_page}`,
        );
      }
      items.push(...(await readItems(item, page.result, answer.origin, ["result"])));
      current = wantedPage;
      // Items can be added while paging: the latest last_page is the truth.
      last = page.last_page ?? current;
    }
    return items;
  }

  /** One call: attempts through the retry loop, then the answer or a classified, redacted error. */
  async #request(spec: RequestSpec): Promise<Answer> {
    const options = this.#options;
    const query = spec.query ? `?${new URLSearchParams(spec.query).toString()}` : "";
    const call: CallContext = {
      method: spec.method,
      path: `${spec.path}${query}`,
      redact: createRedactor([options.apiKey, ...(spec.secrets ?? [])]),
      // GET and PUT are idempotent (Qard's PUTs set a state); a POST creates something.
      idempotent: spec.method !== "POST",
    };
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const run = await runWithRetry(
      async ({ attempt, timeoutMs }) => {
        const request = {
          url: `${options.baseUrl}${call.path}`,
          method: call.method,
          apiKey: options.apiKey,
          timeoutMs,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        };
        const result = await sendOnce(options.fetch, body === undefined ? request : { ...request, body });
        this.#notify(attemptEvent(call, attempt, result, options.baseUrl));
        return result;
      },
      outcomeOf,
      {
        ...options.retry,
        attemptTimeoutMs: options.timeoutMs,
        random: options.random,
        timeScale: options.timeScale,
        idempotent: call.idempotent,
      },
      options.signal === undefined ? undefined : abortableClock(options.signal),
    );
    const { result } = run;
    if (result.kind === "response" && result.status >= 200 && result.status < 300) {
      const problem = unusableSuccessProblem(result.status, result.contentType, result.body, call.redact);
      if (problem !== undefined) throw new QardResponseError(call.method, call.path, problem);
      return { status: result.status, body: result.body, origin: { method: call.method, path: call.path } };
    }
    if (result.kind === "response" && result.status >= 300 && result.status < 400) {
      throw new QardRedirectError({
        method: call.method,
        path: call.path,
        status: result.status,
        targetOrigin: originOf(result.location, `${options.baseUrl}${call.path}`),
      });
    }
    throw failureError(run, call, options);
  }

  #notify(event: RequestEvent): void {
    const hook = this.#options.onRequest;
    if (hook === undefined) return;
    try {
      hook(event);
    } catch {
      // Observability must not change the outcome of a call: a failing hook is ignored.
    }
  }
}

const COMMERCE_COLLECTIONS = Object.keys(COMMERCE_COLLECTION_DATA_TYPES) as readonly string[];

async function readItems<T>(
  item: ListItems<T>,
  values: unknown,
  origin: AnswerOrigin,
  pathPrefix: readonly PropertyKey[] = [],
): Promise<T[]> {
  const plain = Array.isArray(values) ? item.plain(values) : undefined;
  if (plain !== undefined) return plain;
  const schemas = await loadSchemas();
  return parseAnswer(schemas.arrayOf(item.schema(schemas)), values, origin, pathPrefix);
}

async function readPage(value: unknown, origin: AnswerOrigin): Promise<PlainPage> {
  return plainPage(value) ?? parseAnswer((await loadSchemas()).pageEnvelopeSchema, value, origin);
}

function outcomeOf(result: TransportResult): AttemptOutcome {
  return result.kind === "network"
    ? { kind: "network", errorKind: result.errorKind }
    : { kind: "response", status: result.status, retryAfter: result.retryAfter };
}

/** What every error and event of one call is built from; `path` includes the query. */
interface CallContext {
  method: string;
  path: string;
  /** Scrubs the key and the secrets this call sent. */
  redact: Redactor;
  idempotent: boolean;
}

/** The error for a call whose last attempt failed: a network error or a classified non-2xx answer. */
function failureError(
  run: RetryRun<TransportResult>,
  call: CallContext,
  options: NormalizedOptions,
): QardError {
  const { result } = run;
  const gaveUp = whyGaveUp(run, call, options.retry.budgetMs);
  const optional = gaveUp === undefined ? {} : { gaveUp };
  if (result.kind === "network") {
    return new QardNetworkError({
      method: call.method,
      path: call.path,
      attempts: run.attempts,
      kind: result.errorKind,
      description: describeNetworkFailure(result, call.redact, options.baseUrl),
      ...optional,
      // A timeout has no underlying error worth keeping.
      ...(result.errorKind === "timeout" ? {} : { cause: sanitizedCause(result, call.redact) }),
    });
  }
  return createApiError({
    method: call.method,
    path: call.path,
    status: result.status,
    statusText: result.statusText,
    body: result.body.kind === "json" ? result.body.value : undefined,
    attempts: run.attempts,
    ...optional,
    redact: call.redact,
  });
}

/** Why the loop stopped early on a failure that was otherwise worth retrying; undefined when it did not. */
function whyGaveUp(run: RetryRun<TransportResult>, call: CallContext, budgetMs: number): string | undefined {
  if (run.decision.retry || !isRetryable(run.outcome, true)) return undefined;
  if (!call.idempotent && !isRetryable(run.outcome, false)) {
    return `not retried: the ${call.method} may already have taken effect`;
  }
  if (run.decision.reason === "budget-exhausted") return `retry budget of ${budgetMs} ms exhausted`;
  return undefined;
}

function describeNetworkFailure(
  result: Extract<TransportResult, { kind: "network" }>,
  redact: Redactor,
  baseUrl: string,
): string {
  switch (result.errorKind) {
    case "timeout":
      return `request timed out after ${result.timeoutMs} ms`;
    case "reset":
      return "connection reset before a complete answer was received";
    case "refused":
      return `connection refused by ${new URL(baseUrl).host}; check baseUrl and that the server is up`;
    case "aborted":
      return "cancelled before an answer was received";
    case "other":
      return `network error (${result.code ?? result.errorName}): ${redact(result.detail)}`;
  }
}

/**
 * The fetch implementation's own error is not attached: an injected fetch may put the request (headers,
 * body) in its error. A fresh error keeps what helps debugging (name, code, redacted message).
 */
function sanitizedCause(result: Extract<TransportResult, { kind: "network" }>, redact: Redactor): Error {
  const cause = new Error(redact(result.detail));
  cause.name = result.errorName;
  if (result.code !== undefined) Object.assign(cause, { code: result.code });
  return cause;
}

function attemptEvent(
  call: CallContext,
  attempt: number,
  result: TransportResult,
  baseUrl: string,
): RequestEvent {
  const event: RequestEvent = {
    method: call.method,
    path: call.path,
    attempt,
    durationMs: Math.round(result.durationMs),
  };
  if (result.kind === "response") event.status = result.status;
  else event.error = describeNetworkFailure(result, call.redact, baseUrl);
  return event;
}

/** The origin a redirect points to, resolved against the request's URL; never its path or query. */
function originOf(location: string | null, requestUrl: string): string | undefined {
  if (location === null) return undefined;
  try {
    return new URL(location, requestUrl).origin;
  } catch {
    return undefined;
  }
}

function requireJson(answer: Answer): unknown {
  const { body, origin } = answer;
  if (body.kind === "json") return body.value;
  if (body.kind === "empty") {
    throw new QardResponseError(
      origin.method,
      origin.path,
      `answer ${answer.status} has an empty body; expected JSON`,
    );
  }
  if (body.kind === "too-large") {
    // Refused earlier by unusableSuccessProblem; handled here too so no path reads it as JSON.
    throw new QardResponseError(origin.method, origin.path, `answer ${answer.status} is too large to read`);
  }
  const type = body.contentType === null ? "no content-type" : `content-type ${body.contentType}`;
  throw new QardResponseError(origin.method, origin.path, `answer ${answer.status} is not JSON (${type})`);
}

/**
 * A path segment from a caller's value: an identifier (identifier.ts), so it is exactly one segment and
 * cannot name another endpoint; refused before any request otherwise. Encoded all the same, so the path
 * stays one segment even if the rule is ever widened.
 */
function segment(value: string, role: string): string {
  const problem = identifierProblem(value);
  if (problem !== undefined) throw new QardIdentifierError(role, value, problem);
  return encodeURIComponent(value);
}

/** Returns the string values, which are the ones to scrub from answers (booleans like is_sandbox are not secret). */
function checkCredentials(credentials: Record<string, string | boolean>): string[] {
  if (credentials === null || typeof credentials !== "object" || Array.isArray(credentials)) {
    throw new QardConfigError("putCredentials: credentials must be an object of key -> string | boolean");
  }
  const secrets: string[] = [];
  for (const [key, value] of Object.entries(credentials)) {
    if (isPrototypeKey(key)) {
      throw new QardConfigError(
        `putCredentials: credential key ${quoteRefused(key)} ${PROTOTYPE_KEY_REASON}`,
      );
    }
    if (typeof value === "string") secrets.push(value);
    else if (typeof value !== "boolean") {
      // The value itself is not quoted: it is a credential.
      throw new QardConfigError(`putCredentials: credential "${key}" must be a string or a boolean`);
    }
  }
  return secrets;
}

function checkSettings(settings: Record<string, boolean>): void {
  if (settings === null || typeof settings !== "object" || Array.isArray(settings)) {
    throw new QardConfigError("putSettings: settings must be an object of setting name -> boolean");
  }
  for (const [key, value] of Object.entries(settings)) {
    if (isPrototypeKey(key)) {
      throw new QardConfigError(`putSettings: setting ${quoteRefused(key)} ${PROTOTYPE_KEY_REASON}`);
    }
    if (typeof value !== "boolean") {
      throw new QardConfigError(`putSettings: setting "${key}" must be a boolean, got ${typeof value}`);
    }
  }
}
