import type { NetworkErrorKind } from "./errors.ts";
import type { FetchLike } from "./options.ts";

export interface TransportRequest {
  url: string;
  method: string;
  apiKey: string;
  /** Already serialised JSON. */
  body?: string;
  timeoutMs: number;
  /** Aborts the attempt at once (the caller is shutting down): the result is a network error of kind "aborted". */
  signal?: AbortSignal;
}

/** Answers larger than this are not read: a misrouted download or a hostile server must not fill memory. */
export const MAX_BODY_BYTES = 1024 * 1024;
// Enough of a non-JSON answer to recognise it (an HTML error page's title), too little to carry a payload.
const EXCERPT_CHARS = 120;

export type ParsedBody =
  | { kind: "empty" }
  | { kind: "json"; value: unknown }
  // The whole text (at most MAX_BODY_BYTES): it could echo what was sent, so a caller redacts it before
  // cutting an excerpt (excerptOf) — cutting first could split a secret and leave its start unredacted.
  | { kind: "not-json"; contentType: string | null; text: string }
  | { kind: "too-large"; limitBytes: number };

export type TransportResult =
  | {
      kind: "response";
      status: number;
      statusText: string;
      retryAfter: string | null;
      contentType: string | null;
      /** The `Location` of a 3xx, never followed: a redirect would re-send the key and the body elsewhere. */
      location: string | null;
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
  if (request.signal?.aborted === true) {
    return { ...ABORTED, timeoutMs: request.timeoutMs, durationMs: 0 };
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const abortFromCaller = () => controller.abort();
  request.signal?.addEventListener("abort", abortFromCaller, { once: true });
  // Raced against the fetch and the body read, so an injected fetch that ignores the signal still times out.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(new Error("attempt timed out")), { once: true });
  });
  aborted.catch(() => undefined);

  const headers: Record<string, string> = { "X-API-KEY": request.apiKey, Accept: "application/json" };
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  try {
    const init: Parameters<FetchLike>[1] = {
      method: request.method,
      headers,
      signal: controller.signal,
      redirect: "manual",
      size: MAX_BODY_BYTES,
    };
    if (request.body !== undefined) init.body = request.body;
    const response = await Promise.race([fetch(request.url, init), aborted]);
    const contentType = response.headers.get("content-type");
    const isRedirect = response.status >= 300 && response.status < 400;
    // A redirect's body is read (so the connection is freed) but not kept: it is never the answer.
    const read = await readBody(response, contentType, aborted);
    // The rest of a body too large to read is not downloaded: closing the request frees the connection.
    if (read.kind === "too-large") controller.abort();
    const body: ParsedBody = isRedirect ? { kind: "empty" } : read;
    return {
      kind: "response",
      status: response.status,
      statusText: response.statusText,
      retryAfter: response.headers.get("retry-after"),
      contentType,
      location: isRedirect ? response.headers.get("location") : null,
      body,
      durationMs: performance.now() - startedAt,
    };
  } catch (error) {
    const { name, code, message } = describeError(error);
    const result: TransportResult = {
      kind: "network",
      errorKind: timedOut ? "timeout" : wasAborted(request.signal) ? "aborted" : classifyNetworkError(error),
      timeoutMs: request.timeoutMs,
      errorName: name,
      detail: message,
      durationMs: performance.now() - startedAt,
    };
    if (code !== undefined) result.code = code;
    return result;
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener("abort", abortFromCaller);
  }
}

// A function, not an inline test: TypeScript would keep the narrowing from before the await.
function wasAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

const ABORTED = {
  kind: "network",
  errorKind: "aborted",
  errorName: "AbortError",
  detail: "cancelled before the request was sent",
} as const;

type FetchResponse = Awaited<ReturnType<FetchLike>>;

/**
 * Reads the body within MAX_BODY_BYTES: a Content-Length above it is not read at all; node-fetch stops a
 * stream that grows past it (`size`, error type "max-size"); an injected fetch is checked after the fact.
 */
async function readBody(
  response: FetchResponse,
  contentType: string | null,
  aborted: Promise<never>,
): Promise<ParsedBody> {
  const tooLarge = { kind: "too-large", limitBytes: MAX_BODY_BYTES } as const;
  const declared = Number(response.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return tooLarge;
  let text: string;
  try {
    text = await Promise.race([response.text(), aborted]);
  } catch (error) {
    if ((error as { type?: unknown } | null)?.type === "max-size") return tooLarge;
    throw error;
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return tooLarge;
  return parseBody(text, contentType);
}

export function parseBody(text: string, contentType: string | null): ParsedBody {
  if (text.trim() === "") return { kind: "empty" };
  try {
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch {
    return { kind: "not-json", contentType, text };
  }
}

/** The start of a text on one line, capped. Redact the text first: a cut could split a secret. */
export function excerptOf(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS)}…` : line;
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
