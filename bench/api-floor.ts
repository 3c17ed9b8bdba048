import type { Run } from "./engine-overhead.ts";
import { median } from "./stats.ts";

/**
 * What our code adds to an operation once the wait for Qard is taken out. A create must make its calls one
 * after the other (list, credentials, settings, enable), each paying the API's latency, which the no-op
 * baseline never does; that time (calls in sequence × latency, the API floor) is Qard's, not ours.
 */
export interface BeyondFloor {
  runs: number;
  apiLatencyMs: number;
  /** Calls in sequence: the median over the runs, and its range (the same in every run when all is well). */
  sequentialCalls: { median: number; min: number; max: number };
  apiFloorMs: number;
  /** Median of the paired ratios, Qard over baseline. */
  wallRatio: number;
  /** Median of the paired differences, Qard minus baseline, floor not subtracted. */
  extraMs: number;
  /** Median of the paired differences once each run's floor is subtracted. */
  extraBeyondFloorMs: number;
  /** The same as a share of the baseline run it was paired with: median, lowest and highest over the runs. */
  extraShare: { median: number; min: number; max: number };
}

/** Pairs run i of `qard` with run i of `baseline`, measured back to back. */
export function beyondFloor(qard: readonly Run[], baseline: readonly Run[]): BeyondFloor {
  if (qard.length !== baseline.length || qard.length === 0) {
    throw new RangeError(`unpaired runs: ${qard.length} vs ${baseline.length}`);
  }
  const pairs = qard.map((run, index) => {
    const base = baseline[index] as Run;
    const floor = apiFloorMs(run);
    const extra = run.wallMs - base.wallMs;
    return {
      ratio: run.wallMs / base.wallMs,
      extra,
      beyond: extra - floor,
      share: (extra - floor) / base.wallMs,
      floor,
      sequential: run.sequentialCalls ?? 0,
    };
  });
  const of = <K extends keyof (typeof pairs)[number]>(key: K) => pairs.map((pair) => pair[key]);
  const range = (values: number[]) => ({
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
  });
  return {
    runs: pairs.length,
    apiLatencyMs: qard[0]?.apiLatencyMs ?? 0,
    sequentialCalls: range(of("sequential")),
    apiFloorMs: median(of("floor")),
    wallRatio: median(of("ratio")),
    extraMs: median(of("extra")),
    extraBeyondFloorMs: median(of("beyond")),
    extraShare: range(of("share")),
  };
}

/** Calls in sequence × the latency the emulator added to each: the least time the run spent waiting. */
export function apiFloorMs(run: Run): number {
  return (run.sequentialCalls ?? 0) * (run.apiLatencyMs ?? 0);
}
