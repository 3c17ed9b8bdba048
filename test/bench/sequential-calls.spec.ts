import { describe, expect, it } from "vitest";
import { sequentialCalls, type LoggedCall } from "../../bench/sequential-calls.ts";

const T0 = Date.parse("2026-12-05T10:00:00.000Z");
const LIST = "/api/v6/providers";

/** A call to `path` arriving `startMs` after T0 and answered `durationMs` later. */
function call(path: string, startMs: number, durationMs: number): LoggedCall {
  return { path, at: new Date(T0 + startMs).toISOString(), durationMs };
}

/** The calls of one provider's create after the list read: credentials, settings, enable. */
function writes(name: string, startMs: number): LoggedCall[] {
  const base = `${LIST}/${name}`;
  return [
    call(`${base}/credentials`, startMs, 50),
    call(`${base}/settings`, startMs + 55, 50),
    call(base, startMs + 110, 50),
  ];
}

describe("sequentialCalls", () => {
  it("counts no chain in an empty log", () => {
    expect(sequentialCalls([])).toBe(0);
  });

  it("counts the calls of a create sent one after the other's answer (list, credentials, settings, enable)", () => {
    expect(sequentialCalls([call(LIST, 0, 50), ...writes("shopify", 55)])).toBe(4);
  });

  it("counts calls to providers made side by side once", () => {
    const log = [call(LIST, 0, 50), ...["a", "b", "c"].flatMap((name, i) => writes(name, 55 + i))];
    expect(sequentialCalls(log)).toBe(4);
  });

  it("does not chain the calls of providers that the engine happened to start one after the other", () => {
    // Two disables, the second sent after the first was answered: neither waited for the other.
    expect(sequentialCalls([call(`${LIST}/a`, 0, 50), call(`${LIST}/b`, 60, 50)])).toBe(1);
  });

  it("counts the list read shared by every provider in each provider's chain", () => {
    expect(sequentialCalls([call(LIST, 0, 50), call(`${LIST}/b`, 60, 50)])).toBe(2);
  });

  it("finds the longest chain whatever the order of the log", () => {
    const log = [...writes("a", 55)].reverse();
    expect(sequentialCalls([...log, call(LIST, 0, 50)])).toBe(4);
  });

  it("takes a call sent within the log's millisecond rounding of an answer as sent after it", () => {
    // The log truncates arrival to the millisecond and rounds durations: 50.4 ms shows as 50, and a call
    // sent 0.3 ms after that answer may show as arriving 1 ms before the rounded end.
    expect(sequentialCalls([call(LIST, 0, 51), call(`${LIST}/a`, 50, 50)])).toBe(2);
  });

  it("does not chain calls that overlap by more than that rounding", () => {
    expect(sequentialCalls([call(LIST, 0, 50), call(`${LIST}/a`, 40, 50)])).toBe(1);
  });
});
