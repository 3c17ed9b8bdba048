import type { NetworkErrorKind } from "./errors.ts";
import type { FetchLike } from "./options.ts";

export interface TransportRequest {
  url: string;
  method: string;
  apiKey: string;
  /** Already serialised JSON. */
  body?: string;
  timeoutMs: number;
}

export type ParsedBody =
  | { kind: "empty" }
  | { kind: "json"; value: unknown }
  // The text itself is dropped: it could echo what was sent, and nothing downstream needs it.
  | { kind: "not-json"; contentType: string | null };

export type TransportResult =
  | {
      kind: "response";
      status: number;
      statusText: string;
      retryAfter: string | null;
      body: ParsedBody;
      durationMs: number;
    }
  | {
      kind: "network";
      errorKind: NetworkErrorKind;
      /** The timeout that applied to this attempt, for the message of a timeout. */
      timeoutMs: number;
      /** Name, code and message of the underlying error, unredacted: the caller redacts. */
      errorName: string;
      code?: string;
      detail: string;
      durationMs: number;
    };

/** One attempt: no retries, no interpretation of the status. The timeout covers reading the body too. */
export async function sendOnce(fetch: FetchLike, request: TransportRequest): Promise<TransportResult> {
  const startedAt = performance.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  // Raced against the fetch and the body read, so an injected fetch that ignores the signal still times out.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(new Error("attempt timed out")), { once: true });
  });
  aborted.catch(() => undefined);

  const headers: Record<string, string> = { "X-API-KEY": request.apiKey, Accept: "application/json" };
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  try {
    const init: Parameters<FetchLike>[1] = { method: request.method, headers, signal: controller.signal };
    if (request.body !== undefined) init.body = request.body;
    const response = await Promise.race([fetch(request.url, init), aborted]);
    const text = await Promise.race([response.text(), aborted]);
    return {
      kind: "response",
      status: response.status,
      statusText: response.statusText,
      retryAfter: response.headers.get("retry-after"),
      body: parseBody(text, response.headers.get("content-type")),
      durationMs: performance.now() - startedAt,
    };
  } catch (error) {
    const { name, code, message } = describeError(error);
    const result: TransportResult = {
      kind: "network",
      errorKind: timedOut ? "timeout" : classifyNetworkError(error),
      timeoutMs: request.timeoutMs,
      errorName: name,
      detail: message,
      durationMs: performance.now() - startedAt,
    };
    if (code !== undefined) result.code = code;
    return result;
  } finally {
    clearTimeout(timer);
  }
}

export function parseBody(text: string, contentType: string | null): ParsedBody {
  if (text.trim() === "") return { kind: "empty" };
  try {
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch {
    return { kind: "not-json", contentType };
  }
}

const RESET_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ERR_STREAM_PREMATURE_CLOSE",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);
const REFUSED_CODES = new Set(["ECONNREFUSED"]);
const TIMEOUT_CODES = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT"]);

/**
 * Sorts a fetch failure by what it means for a retry. Looks along the `cause` chain: node-fetch puts the
 * system code on its FetchError, undici (global fetch) on the cause of a TypeError.
 */
export function classifyNetworkError(error: unknown): NetworkErrorKind {
  for (const link of causeChain(error)) {
    const { code, message } = describeError(link);
    if (code !== undefined && RESET_CODES.has(code)) return "reset";
    if (code !== undefined && REFUSED_CODES.has(code)) return "refused";
    if (code !== undefined && TIMEOUT_CODES.has(code)) return "timeout";
    if (/socket hang up|premature close|other side closed/i.test(message)) return "reset";
  }
  return "other";
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current !== undefined && current !== null && chain.length < 5 && !chain.includes(current)) {
    chain.push(current);
    current = typeof current === "object" ? (current as { cause?: unknown }).cause : undefined;
  }
  return chain;
}

function describeError(error: unknown): { name: string; code?: string; message: string } {
  if (error === null || typeof error !== "object") return { name: "Error", message: String(error) };
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  const described: { name: string; code?: string; message: string } = {
    name: typeof name === "string" ? name : "Error",
    message: typeof message === "string" ? message : "",
  };
  if (typeof code === "string") described.code = code;
  return described;
}
