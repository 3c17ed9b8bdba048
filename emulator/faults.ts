/**
 * Injected faults: a status, a delay, a reset connection, a lost answer (the request applied, then the
 * connection reset), a request that never gets an answer, a redirect,
 * an HTML page or a huge answer, applied to the next `times` calls that match a method and path.
 */
import { badRequest } from "./api-error.ts";
import { ECHO_KINDS, type EchoKind } from "./echo.ts";
import { isRecord } from "./json.ts";

export interface FaultSpec {
  method?: string;
  path: string;
  times?: number;
  status?: number;
  retryAfter?: string;
  latencyMs?: number;
  reset?: boolean;
  /**
   * Processes the request, then resets the connection instead of answering: a write that took effect
   * while the client saw only a network error (what a retry of a non-idempotent call would repeat).
   */
  lostAnswer?: boolean;
  hang?: boolean;
  /** Answers `status` (default 307) with this Location, as a hijacked or misconfigured front would. */
  redirectTo?: string;
  /** Answers `status` (default 200) with an HTML page, as a proxy or a captive portal would. */
  html?: boolean;
  /** Answers `status` (default 200) with a JSON-typed body of this many bytes, sent chunked (no length). */
  hugeBytes?: number;
  /** With a status: the error message quotes the request body, or the provider's stored credentials. */
  echo?: EchoKind;
  /**
   * Answers `status` (default 200) with exactly this JSON body, as an odd or hostile Qard would: an error
   * message holding terminal escapes, a provider list with names no stack config accepts.
   */
  json?: unknown;
}

/** A fault with its remaining uses. */
interface ArmedFault {
  spec: FaultSpec;
  remaining: number;
}

/** `path` is exact, or a prefix when it ends with "*". */
export function faultMatches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  if (spec.path.endsWith("*")) return path.startsWith(spec.path.slice(0, -1));
  return spec.path === path;
}

/** A short label for the request log, e.g. `status 429 (Retry-After: 1) on PUT /api/v6/providers/*`. */
export function describeFault(spec: FaultSpec): string {
  const effects = [
    spec.latencyMs !== undefined ? `latency ${spec.latencyMs}ms` : "",
    spec.reset === true ? "reset" : "",
    spec.lostAnswer === true ? "answer lost" : "",
    spec.hang === true ? "hang" : "",
    spec.status !== undefined ? `status ${spec.status}` : "",
    spec.redirectTo !== undefined ? `redirect to ${spec.redirectTo}` : "",
    spec.html === true ? "html page" : "",
    spec.hugeBytes !== undefined ? `${spec.hugeBytes}-byte answer` : "",
    spec.retryAfter !== undefined ? `(Retry-After: ${spec.retryAfter})` : "",
    spec.echo !== undefined ? `echoing ${spec.echo}` : "",
    spec.json !== undefined ? "a given JSON answer" : "",
  ].filter((effect) => effect !== "");
  return `${effects.join(" ")} on ${spec.method?.toUpperCase() ?? "*"} ${spec.path}`;
}

/** Faults are consumed in the order they were added: the first armed match applies. */
export class FaultTable {
  #faults: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    this.#faults.push({ spec: { ...spec }, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.#faults = [];
  }

  list(): FaultSpec[] {
    return this.#faults.map(({ spec, remaining }) => ({ ...spec, times: remaining }));
  }

  /** Finds the fault for this call and uses up one of its applications. */
  take(method: string, path: string): FaultSpec | undefined {
    const armed = this.#faults.find((fault) => faultMatches(fault.spec, method, path));
    if (armed === undefined) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.#faults = this.#faults.filter((fault) => fault !== armed);
    return armed.spec;
  }
}

/** Validates a fault from JSON (or from a test); throws a 400 ApiError naming the bad field. */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (!isRecord(input)) throw badRequest("A fault must be a JSON object.");
  const {
    method,
    path,
    times,
    status,
    retryAfter,
    latencyMs,
    reset,
    lostAnswer,
    hang,
    redirectTo,
    html,
    hugeBytes,
    echo,
    json,
  } = input;
  const known = [
    ...["method", "path", "times", "status", "retryAfter", "latencyMs", "reset", "hang"],
    ...["lostAnswer", "redirectTo", "html", "hugeBytes", "echo", "json"],
  ];
  const unknown = Object.keys(input).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw badRequest(`Unknown fault fields: ${unknown.join(", ")}.`);
  if (typeof path !== "string" || !path.startsWith("/"))
    throw badRequest("A fault needs a path starting with /.");
  const spec: FaultSpec = { path };
  if (method !== undefined) spec.method = requireType(method, "string", "method");
  if (times !== undefined) spec.times = requireInteger(times, "times", 1);
  if (status !== undefined) spec.status = requireStatus(status);
  if (retryAfter !== undefined) spec.retryAfter = requireType(retryAfter, "string", "retryAfter");
  if (latencyMs !== undefined) spec.latencyMs = requireInteger(latencyMs, "latencyMs", 0);
  if (reset !== undefined) spec.reset = requireType(reset, "boolean", "reset");
  if (hang !== undefined) spec.hang = requireType(hang, "boolean", "hang");
  if (lostAnswer !== undefined) spec.lostAnswer = requireType(lostAnswer, "boolean", "lostAnswer");
  if (echo !== undefined) {
    if (!ECHO_KINDS.includes(echo as EchoKind))
      throw badRequest(`Fault field echo must be one of: ${ECHO_KINDS.join(", ")}.`);
    if (spec.status === undefined) throw badRequest("echo quotes in an error message: give status too.");
    spec.echo = echo as EchoKind;
  }
  if (redirectTo !== undefined) spec.redirectTo = requireType(redirectTo, "string", "redirectTo");
  if (html !== undefined) spec.html = requireType(html, "boolean", "html");
  if (hugeBytes !== undefined) spec.hugeBytes = requireInteger(hugeBytes, "hugeBytes", 1);
  if (json !== undefined) spec.json = json;
  const bodies = [
    spec.redirectTo !== undefined,
    spec.html === true,
    spec.hugeBytes !== undefined,
    spec.json !== undefined,
  ];
  if (spec.retryAfter !== undefined && spec.status === undefined) {
    throw badRequest("retryAfter is sent with an error status: give status too.");
  }
  const statusAlone = spec.status !== undefined && !bodies.some(Boolean);
  const effects = [
    statusAlone,
    spec.reset === true,
    spec.lostAnswer === true,
    spec.hang === true,
    ...bodies,
  ].filter(Boolean);
  if (effects.length > 1) {
    throw badRequest(
      "A fault answers one way: choose one of status, reset, lostAnswer, hang, redirectTo, html, hugeBytes or json.",
    );
  }
  if (effects.length === 0 && spec.latencyMs === undefined) {
    throw badRequest(
      "A fault needs an effect: status, latencyMs, reset, lostAnswer, hang, redirectTo, html, hugeBytes or json.",
    );
  }
  return spec;
}

function requireType<T extends "string" | "boolean">(
  value: unknown,
  type: T,
  field: string,
): T extends "string" ? string : boolean {
  if (typeof value !== type) throw badRequest(`Fault field ${field} must be a ${type}.`);
  return value as T extends "string" ? string : boolean;
}

function requireInteger(value: unknown, field: string, minimum: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) {
    throw badRequest(`Fault field ${field} must be an integer >= ${minimum}.`);
  }
  return value;
}

function requireStatus(value: unknown): number {
  const status = requireInteger(value, "status", 200);
  if (status > 599) throw badRequest("Fault field status must be an HTTP status (200-599).");
  return status;
}
