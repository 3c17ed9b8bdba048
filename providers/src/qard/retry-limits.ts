import { QardConfigError } from "./errors.ts";
import { nonNegative, positive, positiveInteger } from "./number-option.ts";

/**
 * How often and how long one call may retry: the one shape of these settings. A caller gives any part of it
 * (`RetryOptions`); the client fills the rest from `DEFAULT_RETRY_LIMITS` once, at construction, and the
 * retry loop reads the result as is.
 */
export interface RetryLimits {
  /** Attempts per call, the first included. Default 5. */
  maxAttempts: number;
  /** First backoff ceiling; doubles per retry (full jitter picks in [0, ceiling]). Default 250 ms. */
  baseDelayMs: number;
  /** Largest backoff ceiling. Does not cap a server's `Retry-After`. Default 8000 ms. */
  maxDelayMs: number;
  /** Wall-clock budget of one call across all attempts and waits. Default 60000 ms. */
  budgetMs: number;
}

/** The `retry` option of QardClient: any of the limits; the others keep their default. */
export type RetryOptions = Partial<RetryLimits>;

export const DEFAULT_RETRY_LIMITS: Readonly<RetryLimits> = {
  maxAttempts: 5,
  baseDelayMs: 250,
  // 250 ms doubling reaches 8 s at the 6th retry: past that, waiting longer rarely changes the outcome.
  maxDelayMs: 8_000,
  // A Pulumi step should fail within a minute rather than look hung.
  budgetMs: 60_000,
};

/** Validates the caller's part and fills the defaults; a bad value fails naming `retry.<field>`. */
export function normalizeRetryLimits(options: RetryOptions | undefined): RetryLimits {
  const given = options ?? {};
  const maxDelayMs = nonNegative("retry.maxDelayMs", given.maxDelayMs, DEFAULT_RETRY_LIMITS.maxDelayMs);
  const baseDelayMs = nonNegative("retry.baseDelayMs", given.baseDelayMs, DEFAULT_RETRY_LIMITS.baseDelayMs);
  if (baseDelayMs > maxDelayMs) {
    throw new QardConfigError(
      `retry.baseDelayMs (${baseDelayMs}) must not exceed retry.maxDelayMs (${maxDelayMs})`,
    );
  }
  return {
    maxAttempts: positiveInteger("retry.maxAttempts", given.maxAttempts, DEFAULT_RETRY_LIMITS.maxAttempts),
    baseDelayMs,
    maxDelayMs,
    budgetMs: positive("retry.budgetMs", given.budgetMs, DEFAULT_RETRY_LIMITS.budgetMs),
  };
}
