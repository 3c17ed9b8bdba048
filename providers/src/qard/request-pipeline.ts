import {
  createApiError,
  QardNetworkError,
  QardRedirectError,
  QardResponseError,
  type QardError,
} from "./errors.ts";
import type { NormalizedOptions, RequestEvent } from "./options.ts";
import type { AnswerOrigin } from "./parse-answer.ts";
import { createRedactor, type Redactor } from "./redact.ts";
import { abortableClock, runWithRetry, type RetryRun } from "./retry.ts";
import { isRetryable, type AttemptOutcome } from "./retry-policy.ts";
import { unusableSuccessProblem } from "./success-answer.ts";
import { sendOnce, type ParsedBody, type TransportResult } from "./transport.ts";

export interface RequestSpec {
  method: "GET" | "PUT" | "POST";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Values in the body that must never come back out through an error (credential values). */
  secrets?: readonly string[];
}

/** A 2xx answer that is usable (success-answer.ts); its body is still to be read by the endpoint. */
export interface Answer {
  status: number;
  body: ParsedBody;
  origin: AnswerOrigin;
}

/**
 * What every call goes through, whatever the endpoint: one attempt at a time through the transport
 * (transport.ts), retried within the budget (retry.ts, retry-policy.ts), then either a usable 2xx answer or
 * a classified error with the key and the call's secrets redacted. Knows no endpoint.
 */
export class RequestPipeline {
  readonly #options: NormalizedOptions;

  constructor(options: NormalizedOptions) {
    this.#options = options;
  }

  /** One call: attempts through the retry loop, then the answer or a classified, redacted error. */
  async send(spec: RequestSpec): Promise<Answer> {
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

/** The JSON value of an answer, or an error naming the call when the answer holds no JSON. */
export function requireJson(answer: Answer): unknown {
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
