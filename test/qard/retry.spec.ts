import { describe, expect, it } from "vitest";
import type { AttemptOutcome } from "../../providers/src/qard/retry-policy.ts";
import { runWithRetry, type RetryClock, type RetrySettings } from "../../providers/src/qard/retry.ts";

/** A clock that only moves when the loop sleeps or an attempt says it took time. */
function fakeClock(): RetryClock & { now: number; sleeps: number[] } {
  const clock = {
    now: 0,
    sleeps: [] as number[],
    elapsedMs: () => clock.now,
    wallMs: () => Date.parse("2024-01-15T10:30:00Z") + clock.now,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.now += ms;
    },
  };
  return clock;
}

const settings: RetrySettings = {
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  budgetMs: 10_000,
  attemptTimeoutMs: 3000,
  random: () => 1,
  timeScale: 1,
  idempotent: true,
};

const status = (code: number, retryAfter: string | null = null): AttemptOutcome => ({
  kind: "response",
  status: code,
  retryAfter,
});

/**
 * Runs the loop over a list of outcomes (the last repeats); each attempt takes `cost` of the clock: a fixed
 * ms, or a function of the attempt's timeout (an attempt that hangs takes all of it).
 */
async function run(
  outcomes: AttemptOutcome[],
  overrides: Partial<RetrySettings> = {},
  cost: number | ((timeoutMs: number) => number) = 0,
) {
  const clock = fakeClock();
  const timeouts: number[] = [];
  const result = await runWithRetry(
    async ({ attempt, timeoutMs }) => {
      timeouts.push(timeoutMs);
      clock.now += typeof cost === "number" ? cost : cost(timeoutMs);
      return outcomes[Math.min(attempt - 1, outcomes.length - 1)] as AttemptOutcome;
    },
    (outcome) => outcome,
    { ...settings, ...overrides },
    clock,
  );
  return { ...result, sleeps: clock.sleeps, timeouts, elapsed: clock.now };
}

describe("runWithRetry", () => {
  it("returns the first success without waiting", async () => {
    const result = await run([status(200)]);
    expect(result).toMatchObject({ attempts: 1, sleeps: [] });
  });

  it("retries 503 then returns the success, waiting the backoff in between", async () => {
    const result = await run([status(503), status(503), status(200)]);
    expect(result.attempts).toBe(3);
    expect(result.outcome).toEqual(status(200));
    expect(result.sleeps).toEqual([100, 200]);
  });

  it("does not retry a 422", async () => {
    const result = await run([status(422)]);
    expect(result).toMatchObject({ attempts: 1, decision: { retry: false, reason: "not-retryable" } });
  });

  it("stops after maxAttempts", async () => {
    const result = await run([status(503)], { maxAttempts: 3 });
    expect(result).toMatchObject({ attempts: 3, decision: { retry: false, reason: "attempts-exhausted" } });
    expect(result.sleeps).toEqual([100, 200]);
  });

  it("waits what Retry-After says", async () => {
    const result = await run([status(429, "2"), status(200)]);
    expect(result.sleeps).toEqual([2000]);
  });

  it("gives up at once when Retry-After is beyond the remaining budget", async () => {
    const result = await run([status(429, "20")], { budgetMs: 5000 });
    expect(result).toMatchObject({ attempts: 1, decision: { retry: false, reason: "budget-exhausted" } });
    expect(result.sleeps).toEqual([]);
  });

  it("counts attempt time against the budget and stops when the next wait would not fit", async () => {
    // Each attempt takes 400 ms; waits are 100, 200, 400...: 400+100+400+200+400 = 1500, next wait 400 >= 100 left.
    const result = await run([status(503)], { budgetMs: 1900, maxAttempts: 10 }, 400);
    expect(result).toMatchObject({ attempts: 3, decision: { retry: false, reason: "budget-exhausted" } });
    expect(result.elapsed).toBeLessThanOrEqual(1900);
  });

  it("gives each attempt at most what is left of the budget", async () => {
    const result = await run([status(503)], { budgetMs: 5000, attemptTimeoutMs: 3000, maxAttempts: 3 }, 3000);
    expect(result.timeouts).toEqual([3000, 1900]);
  });

  it("stops attempts that each hang until their timeout within the budget, cutting the last to what is left", async () => {
    const hangs = (timeoutMs: number) => timeoutMs;
    const timedOut: AttemptOutcome = { kind: "network", errorKind: "timeout" };
    const result = await run(
      [timedOut],
      { attemptTimeoutMs: 40, baseDelayMs: 10, maxDelayMs: 20, budgetMs: 200, maxAttempts: 100 },
      hangs,
    );
    // 40 + 10 + 40 + 20 + 40 + 20 leaves 30 ms: the fourth attempt gets 30, then no wait fits.
    expect(result.timeouts).toEqual([40, 40, 40, 30]);
    expect(result.sleeps).toEqual([10, 20, 20]);
    expect(result).toMatchObject({ attempts: 4, decision: { retry: false, reason: "budget-exhausted" } });
    expect(result.elapsed).toBe(200);
  });

  it("scales waits by timeScale", async () => {
    const result = await run([status(429, "1"), status(503), status(200)], { timeScale: 0.01 });
    expect(result.sleeps).toEqual([10, 2]);
  });
});
