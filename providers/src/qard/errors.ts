import { quoteRefused } from "../identifier.ts";
import { redactDeep, type Redactor } from "./redact.ts";
import { isRecord } from "../is-record.ts";

/** Base of every error the client throws: callers branch with `instanceof`. */
export class QardError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "QardError";
  }
}

/** The options given to `QardClient` (or an argument of a call) cannot work; nothing was sent. */
export class QardConfigError extends QardError {
  constructor(message: string) {
    super(message);
    this.name = "QardConfigError";
  }
}

/**
 * A name or id given for an API path (a provider name, a user id, a data connection id) is not an
 * identifier (see identifier.ts): sent, it could name another endpoint. Nothing was sent.
 */
export class QardIdentifierError extends QardConfigError {
  /** What the value was given as, e.g. "provider name" or "user id". */
  readonly role: string;
  constructor(role: string, value: unknown, problem: string) {
    super(
      `${role} ${quoteRefused(value)} ${problem}; it goes into the API path, where it must be one segment`,
    );
    this.name = "QardIdentifierError";
    this.role = role;
  }
}

export interface ApiErrorInit {
  method: string;
  path: string;
  status: number;
  statusText: string;
  code?: string;
  qardMessage?: string;
  details?: unknown;
  attempts: number;
  /** Why retrying stopped early, when the answer was retryable (e.g. "retry budget of 60000 ms exhausted"). */
  gaveUp?: string;
}

/** Qard answered with a non-2xx status. Every text field has already been redacted by `createApiError`. */
export class QardApiError extends QardError {
  readonly status: number;
  readonly code?: string;
  readonly qardMessage?: string;
  readonly details?: unknown;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;

  constructor(init: ApiErrorInit, hint?: string) {
    super(apiErrorMessage(init, hint));
    this.name = "QardApiError";
    this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.qardMessage !== undefined) this.qardMessage = init.qardMessage;
    if (init.details !== undefined) this.details = init.details;
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts;
  }
}

/** 404: the provider, user or connection named in the path does not exist for this account. */
export class QardNotFoundError extends QardApiError {
  constructor(init: ApiErrorInit) {
    super(init);
    this.name = "QardNotFoundError";
  }
}

/** 401/403: the API key was refused. Retrying cannot help. */
export class QardAuthError extends QardApiError {
  constructor(init: ApiErrorInit) {
    super(init, "Check that apiKey is a valid Qard API key for this base URL.");
    this.name = "QardAuthError";
  }
}

/** 429 that outlasted the retries (or asked for a wait longer than the retry budget). */
export class QardRateLimitError extends QardApiError {
  constructor(init: ApiErrorInit) {
    super(init, "Qard is rate limiting this key; retry later or raise retry.budgetMs.");
    this.name = "QardRateLimitError";
  }
}

/** "aborted": the caller's signal fired (e.g. the run is being cancelled); never retried. */
export type NetworkErrorKind = "timeout" | "reset" | "refused" | "aborted" | "other";

export interface NetworkErrorInit {
  method: string;
  path: string;
  attempts: number;
  kind: NetworkErrorKind;
  /** Already redacted: what went wrong, e.g. "request timed out after 15000 ms". */
  description: string;
  gaveUp?: string;
  /** Already sanitised: never the raw error of the fetch implementation (see transport.ts). */
  cause?: Error;
}

/** No HTTP answer was obtained: timeout, reset, refused connection, DNS... */
export class QardNetworkError extends QardError {
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  readonly kind: NetworkErrorKind;

  constructor(init: NetworkErrorInit) {
    const tail = [plural(init.attempts, "attempt"), init.gaveUp].filter(Boolean).join(", ");
    super(
      `${init.method} ${init.path}: ${init.description} (${tail})`,
      init.cause ? { cause: init.cause } : undefined,
    );
    this.name = "QardNetworkError";
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts;
    this.kind = init.kind;
  }
}

/** Qard answered 2xx with something the client cannot use (not JSON, or not the documented shape). */
export class QardResponseError extends QardError {
  readonly method: string;
  readonly path: string;

  constructor(method: string, path: string, problem: string) {
    super(`${method} ${path}: ${problem}`);
    this.name = "QardResponseError";
    this.method = method;
    this.path = path;
  }
}

export interface ApiErrorInput {
  method: string;
  path: string;
  status: number;
  statusText: string;
  /** Parsed JSON of the error answer, or undefined when it was empty or not JSON. */
  body: unknown;
  attempts: number;
  gaveUp?: string;
  /** Scrubs the key and the values this request sent: Qard may echo them in its message. */
  redact: Redactor;
}

/** Reads Qard's error body (fields observed in the wild, none documented), redacts it, classifies by status. */
export function createApiError(input: ApiErrorInput): QardApiError {
  const { redact } = input;
  const fields = readErrorBody(input.body);
  const init: ApiErrorInit = {
    method: input.method,
    path: input.path,
    status: input.status,
    statusText: redact(input.statusText || standardStatusText(input.status)),
    attempts: input.attempts,
  };
  if (fields.code !== undefined) init.code = redact(fields.code);
  if (fields.message !== undefined) init.qardMessage = redact(fields.message);
  if (fields.details !== undefined) init.details = redactDeep(fields.details, redact);
  if (input.gaveUp !== undefined) init.gaveUp = input.gaveUp;

  if (input.status === 404) return new QardNotFoundError(init);
  if (input.status === 401 || input.status === 403) return new QardAuthError(init);
  if (input.status === 429) return new QardRateLimitError(init);
  return new QardApiError(init);
}

interface ErrorBodyFields {
  code?: string;
  message?: string;
  details?: unknown;
}

function readErrorBody(body: unknown): ErrorBodyFields {
  if (!isRecord(body)) return {};
  const record = body;
  const fields: ErrorBodyFields = {};
  const code = record["error_code"];
  if (typeof code === "string" || typeof code === "number") fields.code = String(code);
  const message = firstString(record["error_message"], record["message"]);
  if (message !== undefined) fields.message = message;
  if (record["error_details"] !== undefined && record["error_details"] !== null) {
    fields.details = record["error_details"];
  }
  return fields;
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === "string" && v.trim() !== "");
}

function apiErrorMessage(init: ApiErrorInit, hint: string | undefined): string {
  const statusLine = [String(init.status), init.statusText].filter(Boolean).join(" ");
  let message = `${init.method} ${init.path} failed with ${statusLine}`;
  if (init.qardMessage !== undefined) message += `: ${init.qardMessage}`;
  if (init.code !== undefined) message += ` (code ${init.code})`;
  message += ` after ${plural(init.attempts, "attempt")}`;
  if (init.gaveUp !== undefined) message += ` (${init.gaveUp})`;
  if (hint !== undefined) message += `. ${hint}`;
  return message;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * Qard (or something posing as it) answered with a redirect. Never followed: the next request would carry
 * the X-API-KEY header and the body (credentials) to whatever the `Location` names. Only the target's origin
 * is kept: its path or query could hold a token.
 */
export class QardRedirectError extends QardError {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** e.g. "https://elsewhere.example"; undefined when the answer had no readable Location. */
  readonly targetOrigin: string | undefined;

  constructor(init: { method: string; path: string; status: number; targetOrigin: string | undefined }) {
    const target = init.targetOrigin === undefined ? "no readable Location" : init.targetOrigin;
    super(
      `${init.method} ${init.path} answered ${init.status} (redirect to ${target}); redirects are never ` +
        `followed, as that would send the API key and the request body there. Point qard:apiUrl (baseUrl) ` +
        `at the Qard API itself`,
    );
    this.name = "QardRedirectError";
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.targetOrigin = init.targetOrigin;
  }
}

/**
 * The standard reason phrase of a status, "" for an unknown one. Fetched when needed rather than imported:
 * an ES module import of node:http makes Node evaluate its lazy exports (WebSocket and the rest of
 * undici), about 40 ms in a fresh provider process, which a preview that calls no API should not pay.
 */
function standardStatusText(status: number): string {
  return process.getBuiltinModule("node:http").STATUS_CODES[status] ?? "";
}
