import type { ApiCallRow } from "./api-calls.ts";
import type { OverheadResult } from "./engine-overhead.ts";
import type { RuntimeLoad } from "./runtime-load.ts";
import type { StateSize } from "./state-size.ts";

/** Everything one `npm run bench` measured: written as JSON, and rendered as the README's table. */
export interface BenchResults {
  startedAt: string;
  durationS: number;
  machine: { cpus: number; node: string; pulumi: string; platform: string };
  settings: {
    apiLatencyMs: number;
    repetitions: number;
    /** Resource counts of the engine-overhead runs; the issue asks for 1, 10 and 50. */
    overheadSizes: number[];
    /** Why the largest size is not 50, when it is not. */
    sizeLimit?: string;
    rssSampleIntervalMs: number;
  };
  apiCalls: ApiCallRow[];
  /** Qard state after the create of the API-call runs, by provider count. */
  qardState: Record<string, StateSize>;
  overhead: OverheadResult[];
  /** Measured apart, to explain the overhead: what loading the Qard runtime costs a provider process. */
  runtimeLoad: RuntimeLoad;
}
