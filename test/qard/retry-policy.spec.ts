import { describe, expect, it } from "vitest";
import { decideRetry, type AttemptOutcome, type RetryState } from "../../providers/src/qard/retry-policy.ts";

const fresh: RetryState = {
  attempt: 1,
  maxAttempts: 5,
  remainingMs: 60_000,
  nextDelayMs: 100,
  idempotent: true,
};
const status = (code: number): AttemptOutcome => ({ kind: "response", status: code, retryAfter: null });
const network = (errorKind: "timeout" | "reset" | "refused" | "other"): AttemptOutcome => ({
  kind: "network",
  errorKind,
});

describe("decideRetry: whether to retry", () => {
  it.each([
    ["ECONNRESET", network("reset"), true],
    ["ECONNREFUSED", network("refused"), true],
    ["a timeout", network("timeout"), true],
    ["another network error (DNS...)", network("other"), true],
    ["429", status(429), true],
    ["502", status(502), true],
    ["503", status(503), true],
    ["504", status(504), true],
    ["200", status(200), false],
    ["204", status(204), false],
    ["400", status(400), false],
    ["401", status(401), false],
    ["403", status(403), false],
    ["404", status(404), false],
    ["409", status(409), false],
    ["422", status(422), false],
    ["500", status(500), false],
    ["501", status(501), false],
  ])("for an idempotent call with budget left, %s -> %s", (_label, outcome, expected) => {
    expect(decideRetry(outcome, fresh).retry).toBe(expected);
  });

  it("checks the attempt budget first, even for a retryable answer", () => {
    expect(decideRetry(status(503), { ...fresh, attempt: 5 })).toEqual({
      retry: false,
      reason: "attempts-exhausted",
    });
    expect(decideRetry(network("reset"), { ...fresh, attempt: 5 })).toEqual({
      retry: false,
      reason: "attempts-exhausted",
    });
  });

  it("stops when the next wait would use up the remaining time budget", () => {
    expect(decideRetry(status(429), { ...fresh, remainingMs: 1000, nextDelayMs: 1000 })).toEqual({
      retry: false,
      reason: "budget-exhausted",
    });
    expect(decideRetry(status(429), { ...fresh, remainingMs: 1000, nextDelayMs: 999 })).toEqual({
      retry: true,
    });
  });

  it("says not-retryable for a 422 with budget left", () => {
    expect(decideRetry(status(422), fresh)).toEqual({ retry: false, reason: "not-retryable" });
  });

  describe("for a non-idempotent POST", () => {
    const post = { ...fresh, idempotent: false };
    it.each([
      ["a refused connection (never reached the server)", network("refused"), true],
      ["429 (refused by the server)", status(429), true],
      ["503 (refused by the server)", status(503), true],
      ["a timeout (may have been processed)", network("timeout"), false],
      ["a reset (may have been processed)", network("reset"), false],
      ["502 (may have been processed)", status(502), false],
      ["504 (may have been processed)", status(504), false],
    ])("%s -> %s", (_label, outcome, expected) => {
      expect(decideRetry(outcome, post).retry).toBe(expected);
    });
  });
});
