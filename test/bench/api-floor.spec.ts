import { describe, expect, it } from "vitest";
import { apiFloorMs, beyondFloor } from "../../bench/api-floor.ts";
import type { Run } from "../../bench/engine-overhead.ts";

function run(wallMs: number, calls: Partial<Run> = {}): Run {
  return { wallMs, peakRssKb: 0, peakRssKbByName: {}, ...calls };
}

describe("beyondFloor", () => {
  it("subtracts calls in sequence × latency from each paired difference", () => {
    const qard = [run(2000, { apiLatencyMs: 50, sequentialCalls: 4 })];
    const figures = beyondFloor(qard, [run(1600)]);
    expect(figures.apiFloorMs).toBe(200);
    expect(figures.extraMs).toBe(400);
    expect(figures.extraBeyondFloorMs).toBe(200);
    expect(figures.extraShare.median).toBeCloseTo(0.125);
  });

  it("subtracts nothing from runs without latency", () => {
    const figures = beyondFloor([run(1700, { apiLatencyMs: 0, apiCalls: 4 })], [run(1600)]);
    expect(figures.apiFloorMs).toBe(0);
    expect(figures.extraBeyondFloorMs).toBe(100);
  });

  it("pairs run i with run i and reports the median share with its range", () => {
    const qard = [1100, 1300, 1200].map((ms) => run(ms, { apiLatencyMs: 50, sequentialCalls: 2 }));
    const baseline = [run(1000), run(1000), run(1000)];
    const figures = beyondFloor(qard, baseline);
    expect(figures.extraShare.median).toBeCloseTo(0.1);
    expect(figures.extraShare.min).toBeCloseTo(0);
    expect(figures.extraShare.max).toBeCloseTo(0.2);
    expect(figures.runs).toBe(3);
  });

  it("shows calls in sequence that differ between runs as a range", () => {
    const qard = [
      run(1000, { apiLatencyMs: 50, sequentialCalls: 4 }),
      run(1000, { apiLatencyMs: 50, sequentialCalls: 5 }),
    ];
    const figures = beyondFloor(qard, [run(900), run(900)]);
    expect(figures.sequentialCalls).toEqual({ median: 4.5, min: 4, max: 5 });
    expect(apiFloorMs(qard[1] as Run)).toBe(250);
  });

  it("refuses runs that cannot be paired", () => {
    expect(() => beyondFloor([run(1)], [])).toThrow(/unpaired/);
  });
});
