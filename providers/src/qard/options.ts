import nodeFetch from "node-fetch";
import { checkApiUrl } from "./api-url.ts";
import { QardConfigError } from "./errors.ts";
import { nonNegative, positive } from "./number-option.ts";
import {
  DEFAULT_RETRY_LIMITS,
  normalizeRetryLimits,
  type RetryOptions,
  type RetryLimits,
} from "./retry-limits.ts";

export type { RetryOptions };

/** The subset of `fetch` the client uses, so tests and callers can inject their own. */
export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
    /** Always "manual": a redirect is an error, never followed (it would re-send the key elsewhere). */
    redirect: "manual";
    /** Largest body node-fetch reads, in bytes; other implementations may ignore it. */
    size: number;
  },
) => Promise<{
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface RequestEvent {
  method: string;
  path: string;
  status?: number;
  attempt: number;
  durationMs: number;
  error?: string;
}

export interface QardClientOptions {
  /** e.g. https://api.qardfinance.com; paths /api/v6/... are appended. https unless the host is loopback. */
  baseUrl: string;
  /** Sent as X-API-KEY; never appears in an error, an event or a message. */
  apiKey: string;
  /** Per attempt, covering the answer's body too. Default 15000 ms. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Default node-fetch. */
  fetch?: FetchLike;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
  /** Multiplies every wait between attempts (tests use e.g. 0.01). Default 1. */
  timeScale?: number;
  /** Called after each attempt; never given bodies or the key. An exception thrown by it is ignored. */
  onRequest?: (event: RequestEvent) => void;
  /** Aborting it stops the call at once: the request in flight and any wait before a retry. */
  signal?: AbortSignal;
}

export interface NormalizedOptions {
  /** Origin plus optional path prefix, without a trailing slash. */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  retry: RetryLimits;
  fetch: FetchLike;
  random: () => number;
  timeScale: number;
  onRequest: ((event: RequestEvent) => void) | undefined;
  signal: AbortSignal | undefined;
}

export const DEFAULTS = {
  // Qard's list and sync calls can be slow; 15 s is generous for one answer without hiding a hung socket.
  timeoutMs: 15_000,
  retry: DEFAULT_RETRY_LIMITS,
  timeScale: 1,
} as const;

// node-fetch's own types differ from the structural FetchLike only in nominal details; adapt once here.
const defaultFetch: FetchLike = (url, init) => nodeFetch(url, init);

/** Validates every option once and fills defaults, so the rest of the client never re-checks them. */
export function normalizeOptions(options: QardClientOptions): NormalizedOptions {
  if (options === null || typeof options !== "object") {
    throw new QardConfigError("QardClient options must be an object with at least baseUrl and apiKey");
  }
  const apiKey = normalizeApiKey(options.apiKey);
  return {
    baseUrl: normalizeBaseUrl(options.baseUrl),
    apiKey,
    timeoutMs: positive("timeoutMs", options.timeoutMs, DEFAULTS.timeoutMs),
    retry: normalizeRetryLimits(options.retry),
    fetch: optionalFunction("fetch", options.fetch) ?? defaultFetch,
    random: optionalFunction("random", options.random) ?? Math.random,
    timeScale: nonNegative("timeScale", options.timeScale, DEFAULTS.timeScale),
    onRequest: optionalFunction("onRequest", options.onRequest),
    signal: optionalSignal(options.signal),
  };
}

function normalizeBaseUrl(raw: unknown): string {
  if (typeof raw !== "string" || raw.trim() === "") {
    throw new QardConfigError("baseUrl is required, e.g. https://api.qardfinance.com");
  }
  const checked = checkApiUrl(raw);
  if (!checked.ok) {
    // Only the origin is quoted: user info, a path or a query could carry a token. A value that is not a
    // URL at all has no origin, and any part of it could be a password (`https://u:pw@host:99999`).
    const shown = checked.origin === undefined ? "" : ` ${JSON.stringify(checked.origin)}`;
    throw new QardConfigError(`baseUrl${shown} ${checked.problem}`);
  }
  return `${checked.url.origin}${checked.url.pathname}`.replace(/\/+$/, "");
}

function normalizeApiKey(raw: unknown): string {
  if (typeof raw !== "string" || raw.trim() === "") {
    throw new QardConfigError("apiKey is required: the Qard API key sent as X-API-KEY");
  }
  // A header value cannot hold control characters; fail here, with a message that does not quote the key.
  if ([...raw].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
    throw new QardConfigError("apiKey contains a control character (a stray newline?); it cannot be sent");
  }
  return raw;
}

function optionalSignal(value: AbortSignal | undefined): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof AbortSignal)) throw new QardConfigError("signal must be an AbortSignal when given");
  return value;
}

function optionalFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") throw new QardConfigError(`${name} must be a function when given`);
  return value;
}
