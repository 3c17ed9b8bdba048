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
    /** The emulator's providers: its built-in ones, and the synthetic ones added so that a fleet reaches 50. */
    catalogue: {
      builtIn: number;
      synthetic: number;
      syntheticWithCredentials: number;
      syntheticNames: string;
    };
    rssSampleIntervalMs: number;
  };
  apiCalls: ApiCallRow[];
  /** Qard state after the create of the API-call runs, by provider count. */
  qardState: Record<string, StateSize>;
  overhead: OverheadResult[];
  /** Measured apart, to explain the overhead: what loading the Qard runtime costs a provider process. */
  runtimeLoad: RuntimeLoad;
}
