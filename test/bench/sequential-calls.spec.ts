import { describe, expect, it } from "vitest";
import { sequentialCalls, type TimedCall } from "../../bench/sequential-calls.ts";

const T0 = Date.parse("2026-12-05T10:00:00.000Z");

/** A call arriving `startMs` after T0 and answered `durationMs` later. */
function call(startMs: number, durationMs: number): TimedCall {
  return { at: new Date(T0 + startMs).toISOString(), durationMs };
}

describe("sequentialCalls", () => {
  it("counts no chain in an empty log", () => {
    expect(sequentialCalls([])).toBe(0);
  });

  it("counts calls sent one after the other's answer, as a create does (list, credentials, settings, enable)", () => {
    expect(sequentialCalls([call(0, 50), call(55, 50), call(110, 51), call(170, 50)])).toBe(4);
  });

  it("counts calls made side by side once", () => {
    const tenCredentialPuts = Array.from({ length: 10 }, (_, index) => call(60 + index, 50));
    expect(sequentialCalls([call(0, 50), ...tenCredentialPuts])).toBe(2);
  });

  it("finds the longest chain whatever the order of the log", () => {
    // One resource's PUTs arrive late and overlap the next resource's: still two rounds after the list.
    const log = [call(120, 50), call(0, 50), call(60, 50), call(61, 50), call(125, 50)];
    expect(sequentialCalls(log)).toBe(3);
  });

  it("takes a call sent within the log's millisecond rounding of an answer as sent after it", () => {
    // The log truncates arrival to the millisecond and rounds durations: 50.4 ms shows as 50, and a call
    // sent 0.3 ms after that answer may show as arriving 1 ms before the rounded end.
    expect(sequentialCalls([call(0, 51), call(50, 50)])).toBe(2);
  });

  it("does not chain calls that overlap by more than that rounding", () => {
    expect(sequentialCalls([call(0, 50), call(40, 50)])).toBe(1);
  });
});
