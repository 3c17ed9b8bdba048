import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRetryAfterMs, retryDelayMs } from "../../providers/src/qard/retry-delay.ts";
import { configurePropertyRuns } from "../helpers/property-runs.ts";

configurePropertyRuns();

const NOW = Date.parse("2026-12-05T14:00:00Z");

/** Headers a server (or a broken proxy) could send: numbers, dates in each HTTP form, and noise. */
const header = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.nat({ max: 100_000 }).map(String),
  fc.double({ min: 0, max: 1000, noNaN: true }).map(String),
  fc.integer({ min: -10, max: 10 }).map(String),
  fc
    .date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
    .map((d) => d.toUTCString()),
  fc.integer({ min: 300, max: 400 }).map((digits) => "9".repeat(digits)),
  fc.constantFrom("", " 5 ", "1e3", "0x10", "Infinity", "NaN", "-5", "Sun Nov  6 08:49:37 1994"),
);

describe("Retry-After, any header", () => {
  it("is a finite, non-negative wait in ms, or undefined (then backoff applies)", () => {
    fc.assert(
      fc.property(header, (value) => {
        const ms = parseRetryAfterMs(value, NOW);
        if (ms === undefined) return;
        expect(Number.isFinite(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("reads delta-seconds exactly, whitespace around them allowed", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.constantFrom("", " ", "\t"), (seconds, pad) => {
        expect(parseRetryAfterMs(`${pad}${seconds}${pad}`, NOW)).toBe(seconds * 1000);
      }),
    );
  });

  it("reads an IMF-fixdate as the time left until it, a past date as now", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (offsetMs) => {
        const at = new Date(NOW + offsetMs);
        const expected = Math.max(0, Math.floor((NOW + offsetMs) / 1000) * 1000 - NOW);
        expect(parseRetryAfterMs(at.toUTCString(), NOW)).toBe(expected);
      }),
    );
  });

  it("the delay is finite and non-negative; without a readable header it is at most maxDelayMs", () => {
    fc.assert(
      fc.property(
        fc.record({
          attempt: fc.integer({ min: 1, max: 60 }),
          retryAfter: fc.option(header, { nil: null }),
          baseDelayMs: fc.nat({ max: 10_000 }),
          extraMaxMs: fc.nat({ max: 100_000 }),
          random: fc.double({ min: -1, max: 2, noNaN: true }),
          timeScale: fc.double({ min: 0, max: 2, noNaN: true }),
        }),
        ({ attempt, retryAfter, baseDelayMs, extraMaxMs, random, timeScale }) => {
          const maxDelayMs = baseDelayMs + extraMaxMs;
          const delay = retryDelayMs({
            attempt,
            retryAfter,
            baseDelayMs,
            maxDelayMs,
            random: () => random,
            nowMs: NOW,
            timeScale,
          });
          expect(Number.isFinite(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          if (parseRetryAfterMs(retryAfter, NOW) === undefined) {
            expect(delay).toBeLessThanOrEqual(maxDelayMs * timeScale);
          } else {
            expect(delay).toBeGreaterThanOrEqual(baseDelayMs * timeScale);
          }
        },
      ),
    );
  });
});
