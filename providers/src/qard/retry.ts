import { retryDelayMs } from "./retry-delay.ts";
import type { RetryLimits } from "./retry-limits.ts";
import { decideRetry, type AttemptOutcome, type RetryDecision } from "./retry-policy.ts";

/** The client's retry limits plus what one call adds: its timeout, jitter, time scale and idempotency. */
export interface RetrySettings extends RetryLimits {
  /** Per-attempt timeout; each attempt gets at most what is left of the budget. */
  attemptTimeoutMs: number;
  random: () => number;
  timeScale: number;
  idempotent: boolean;
}

/** Time as the loop sees it; injectable so the loop can be tested without waiting. */
export interface RetryClock {
  /** Monotonic ms, for the budget (immune to wall-clock jumps). */
  elapsedMs(): number;
  /** Wall clock, to read an HTTP-date `Retry-After`. */
  wallMs(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: RetryClock = {
  elapsedMs: () => performance.now(),
  wallMs: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The system clock whose waits end as soon as `signal` aborts, so a cancelled run does not sit out a
 * backoff; the next attempt then sees the aborted signal and fails at once without a request.
 */
export function abortableClock(signal: AbortSignal): RetryClock {
  return {
    ...systemClock,
    sleep: (ms) =>
      new Promise((resolve) => {
        if (signal.aborted) return resolve();
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal.addEventListener("abort", done, { once: true });
      }),
  };
}

export interface AttemptContext {
  /** From 1. */
  attempt: number;
  timeoutMs: number;
}

export interface RetryRun<T> {
  /** The last attempt's result, success or not: turning it into an error is the caller's business. */
  result: T;
  outcome: AttemptOutcome;
  attempts: number;
  decision: RetryDecision;
}

/**
 * Repeats `attempt` while the policy says so, within the attempt count and the time budget. Knows nothing
 * of HTTP: `outcomeOf` reduces a result to what the policy needs.
 */
export async function runWithRetry<T>(
  attempt: (context: AttemptContext) => Promise<T>,
  outcomeOf: (result: T) => AttemptOutcome,
  settings: RetrySettings,
  clock: RetryClock = systemClock,
): Promise<RetryRun<T>> {
  const startedAt = clock.elapsedMs();
  const remainingMs = () => settings.budgetMs - (clock.elapsedMs() - startedAt);
  for (let n = 1; ; n++) {
    const timeoutMs = Math.max(1, Math.floor(Math.min(settings.attemptTimeoutMs, remainingMs())));
    const result = await attempt({ attempt: n, timeoutMs });
    const outcome = outcomeOf(result);
    const nextDelayMs = retryDelayMs({
      attempt: n,
      retryAfter: outcome.kind === "response" ? outcome.retryAfter : null,
      baseDelayMs: settings.baseDelayMs,
      maxDelayMs: settings.maxDelayMs,
      random: settings.random,
      nowMs: clock.wallMs(),
      timeScale: settings.timeScale,
    });
    const decision = decideRetry(outcome, {
      attempt: n,
      maxAttempts: settings.maxAttempts,
      remainingMs: remainingMs(),
      nextDelayMs,
      idempotent: settings.idempotent,
    });
    if (!decision.retry) return { result, outcome, attempts: n, decision };
    await clock.sleep(nextDelayMs);
  }
}
