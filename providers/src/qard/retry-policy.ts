import type { NetworkErrorKind } from "./errors.ts";

/** What one attempt produced, reduced to what the retry decision needs. */
export type AttemptOutcome =
  | { kind: "response"; status: number; retryAfter: string | null }
  | { kind: "network"; errorKind: NetworkErrorKind };

export interface RetryState {
  /** Attempts made so far, the failed one included. */
  attempt: number;
  maxAttempts: number;
  /** Budget left right now. */
  remainingMs: number;
  /** The wait that would precede the next attempt (already scaled). */
  nextDelayMs: number;
  /** False for a POST that creates something: repeating it after an ambiguous failure could create it twice. */
  idempotent: boolean;
}

export type StopReason = "attempts-exhausted" | "budget-exhausted" | "not-retryable";
export type RetryDecision = { retry: true } | { retry: false; reason: StopReason };

// 429: Qard asks us to slow down. 502/503/504: a gateway or an overloaded backend, usually brief.
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
// Answers that say the request was not processed, so even a non-idempotent request may be repeated.
const NOT_PROCESSED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** The retry decision, as an ordered list of rules; the first that applies wins. */
export function decideRetry(outcome: AttemptOutcome, state: RetryState): RetryDecision {
  // 1. Budget: no attempts left, or the wait would eat the time the next attempt needs.
  if (state.attempt >= state.maxAttempts) return { retry: false, reason: "attempts-exhausted" };
  if (state.nextDelayMs >= state.remainingMs) return { retry: false, reason: "budget-exhausted" };
  // 2-3. Transient failures: no answer at all, or a status that means "try again".
  if (isRetryable(outcome, state.idempotent)) return { retry: true };
  // 4. Anything else (2xx, other 4xx, 500...) is final: repeating the same request gets the same answer.
  return { retry: false, reason: "not-retryable" };
}

/**
 * Whether the outcome is transient, budget aside. A non-idempotent request is repeated only when it
 * certainly had no effect: the connection was refused, or the server said 429/503. After a timeout, a reset,
 * a 502 or a 504 it may have been processed, and a second POST could create a second user.
 */
export function isRetryable(outcome: AttemptOutcome, idempotent: boolean): boolean {
  if (outcome.kind === "network") {
    // The caller cancelled: nobody wants the answer any more.
    if (outcome.errorKind === "aborted") return false;
    return idempotent || outcome.errorKind === "refused";
  }
  if (!RETRYABLE_STATUSES.has(outcome.status)) return false;
  return idempotent || NOT_PROCESSED_STATUSES.has(outcome.status);
}
