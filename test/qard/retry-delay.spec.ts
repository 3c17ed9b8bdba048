import { describe, expect, it } from "vitest";
import {
  fullJitterBackoffMs,
  parseRetryAfterMs,
  retryDelayMs,
} from "../../providers/src/qard/retry-delay.ts";

const NOW = Date.parse("2024-01-15T10:30:00Z");
const base = {
  attempt: 1,
  retryAfter: null,
  baseDelayMs: 250,
  maxDelayMs: 8000,
  random: () => 0.5,
  nowMs: NOW,
  timeScale: 1,
};

describe("parseRetryAfterMs", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfterMs("3", NOW)).toBe(3000);
    expect(parseRetryAfterMs(" 0 ", NOW)).toBe(0);
    expect(parseRetryAfterMs("1.5", NOW)).toBe(1500);
  });

  it("reads an HTTP date (IMF-fixdate) relative to now", () => {
    expect(parseRetryAfterMs("Mon, 15 Jan 2024 10:30:05 GMT", NOW)).toBe(5000);
  });

  it("reads the obsolete RFC 850 and asctime date forms", () => {
    expect(parseRetryAfterMs("Monday, 15-Jan-24 10:30:07 GMT", NOW)).toBe(7000);
    // asctime carries no zone: it is GMT whatever the machine's time zone.
    const savedTz = process.env["TZ"];
    process.env["TZ"] = "America/New_York";
    try {
      expect(parseRetryAfterMs("Mon Jan 15 10:30:02 2024", NOW)).toBe(2000);
    } finally {
      if (savedTz === undefined) delete process.env["TZ"];
      else process.env["TZ"] = savedTz;
    }
  });

  it("treats a date in the past as 'now'", () => {
    expect(parseRetryAfterMs("Mon, 15 Jan 2024 10:29:00 GMT", NOW)).toBe(0);
  });

  it.each([["soon"], ["-5"], [""], ["5s"], ["1e3"], ["Mon, 99 Foo 2024"], ["12:00"]])(
    "returns undefined for the malformed header %j",
    (header) => {
      expect(parseRetryAfterMs(header, NOW)).toBeUndefined();
    },
  );

  it("returns undefined when the header is absent", () => {
    expect(parseRetryAfterMs(null, NOW)).toBeUndefined();
  });
});

describe("fullJitterBackoffMs", () => {
  it("doubles the ceiling per attempt and caps it at maxDelayMs", () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => fullJitterBackoffMs(n, 250, 8000, top))).toEqual([
      250, 500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it("picks uniformly in [0, ceiling]: the random source scales the whole ceiling", () => {
    expect(fullJitterBackoffMs(3, 250, 8000, () => 0)).toBe(0);
    expect(fullJitterBackoffMs(3, 250, 8000, () => 0.25)).toBe(250);
    expect(fullJitterBackoffMs(3, 250, 8000, () => 0.999)).toBe(999);
  });

  it("stays within bounds for many random draws", () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      for (let i = 0; i < 200; i++) {
        const delay = fullJitterBackoffMs(attempt, 250, 8000, Math.random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(8000, 250 * 2 ** (attempt - 1)));
      }
    }
  });

  it("clamps a misbehaving random source", () => {
    expect(fullJitterBackoffMs(1, 250, 8000, () => -3)).toBe(0);
    expect(fullJitterBackoffMs(1, 250, 8000, () => 7)).toBe(250);
  });
});

describe("retryDelayMs", () => {
  it("uses backoff with full jitter when there is no Retry-After", () => {
    expect(retryDelayMs({ ...base, attempt: 2 })).toBe(250);
  });

  it("honours Retry-After seconds over backoff", () => {
    expect(retryDelayMs({ ...base, retryAfter: "2" })).toBe(2000);
  });

  it("does not cap Retry-After at maxDelayMs (the retry budget bounds it instead)", () => {
    expect(retryDelayMs({ ...base, retryAfter: "30" })).toBe(30_000);
  });

  it("honours an HTTP-date Retry-After", () => {
    expect(retryDelayMs({ ...base, retryAfter: "Mon, 15 Jan 2024 10:30:04 GMT" })).toBe(4000);
  });

  it("falls back to backoff when Retry-After is malformed", () => {
    expect(retryDelayMs({ ...base, retryAfter: "later, please", attempt: 3 })).toBe(500);
  });

  it("raises a Retry-After of 0, or a date already past, to the base delay: never an immediate retry", () => {
    expect(retryDelayMs({ ...base, retryAfter: "0" })).toBe(250);
    expect(retryDelayMs({ ...base, retryAfter: "0.1" })).toBe(250);
    expect(retryDelayMs({ ...base, retryAfter: "Mon, 15 Jan 2024 10:29:00 GMT" })).toBe(250);
    expect(retryDelayMs({ ...base, retryAfter: "0", timeScale: 0.01 })).toBe(2.5);
  });

  it("scales every wait by timeScale", () => {
    expect(retryDelayMs({ ...base, retryAfter: "2", timeScale: 0.01 })).toBe(20);
    expect(retryDelayMs({ ...base, attempt: 2, timeScale: 0.01 })).toBe(2.5);
  });

  // Found by test/properties/retry-delay.properties.spec.ts: 400 digits overflow to Infinity, and
  // Infinity * a timeScale of 0 is NaN, which the budget check let through as an immediate retry.
  it("reads a Retry-After too large for a number as a finite wait longer than any budget", () => {
    const huge = "9".repeat(400);
    const parsed = parseRetryAfterMs(huge, NOW);
    expect(Number.isFinite(parsed)).toBe(true);
    expect(parsed).toBeGreaterThan(365 * 24 * 3600 * 1000);
    expect(retryDelayMs({ ...base, retryAfter: huge, timeScale: 0 })).toBe(0);
  });
});
