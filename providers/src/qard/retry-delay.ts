/** How long to wait before the next attempt: pure arithmetic, every input explicit. */

export interface DelayInput {
  /** Number of the attempt that just failed, from 1. */
  attempt: number;
  /** Raw `Retry-After` header of the failed answer, if any. */
  retryAfter: string | null;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Uniform in [0, 1). */
  random: () => number;
  /** Wall clock (ms since epoch), to turn an HTTP-date `Retry-After` into a wait. */
  nowMs: number;
  /** Multiplies the result: tests retry in milliseconds with the production arithmetic. */
  timeScale: number;
}

/**
 * The server's `Retry-After` when it is readable (the server knows when it will accept again), else
 * exponential backoff with full jitter. `maxDelayMs` bounds only the backoff: shortening a server's
 * `Retry-After` would just earn another 429. The retry budget is the bound for both (see retry-policy.ts).
 */
export function retryDelayMs(input: DelayInput): number {
  const fromHeader = parseRetryAfterMs(input.retryAfter, input.nowMs);
  // A `Retry-After` of 0 (or a date already past) is raised to the base delay: answering a 429 with an
  // immediate retry would only spend the attempts in a burst the server just refused.
  const unscaled =
    fromHeader === undefined
      ? fullJitterBackoffMs(input.attempt, input.baseDelayMs, input.maxDelayMs, input.random)
      : Math.max(fromHeader, input.baseDelayMs);
  return unscaled * input.timeScale;
}

/**
 * Full jitter (a uniform pick in [0, ceiling]) rather than "ceiling plus a little": clients that failed
 * together spread out instead of retrying together. The ceiling doubles per attempt up to `maxDelayMs`.
 */
export function fullJitterBackoffMs(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  // A misbehaving injected source must not produce a negative or oversized wait.
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling * r);
}

const DELTA_SECONDS = /^\d+(\.\d+)?$/;
// All three HTTP-date forms (IMF-fixdate, RFC 850, asctime) spell the month; this also keeps Date.parse's
// leniency ("-5" is year -5) from reading a malformed header as a date.
const HAS_MONTH_NAME = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;

/**
 * `Retry-After` as delta-seconds or an HTTP date, in ms from `nowMs`; a date already past means "now".
 * Undefined when absent or malformed, so the caller falls back to backoff.
 */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  // Hundreds of digits overflow to Infinity (and Infinity * a timeScale of 0 is NaN): a wait that long is
  // still a wait, just longer than any budget.
  if (DELTA_SECONDS.test(value)) return Math.min(Math.round(Number(value) * 1000), Number.MAX_SAFE_INTEGER);
  if (!HAS_MONTH_NAME.test(value)) return undefined;
  // HTTP dates are always GMT; asctime does not say so, and Date.parse would read it as local time.
  const at = Date.parse(/GMT|UTC|[+-]\d{4}\b/i.test(value) ? value : `${value} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
