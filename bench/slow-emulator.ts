import { startEmulator, type RunningEmulator } from "../emulator/server.ts";
import { SYNTHETIC_PROVIDERS } from "./fleet.ts";
import { sequentialCalls } from "./sequential-calls.ts";

/** The latency the emulator adds to every Qard API call, standing in for a remote, rate-limited API. */
export const API_LATENCY_MS = 50;

export const BENCH_API_KEY = "bench-api-key";

// Faults are counted down per call; this many outlasts any benchmark run.
const EVERY_CALL = 1_000_000;

/** The Qard calls of one operation, from the emulator's request log. */
export interface CallCounts {
  gets: number;
  puts: number;
  /** The longest chain of calls made one after the other (each sent after the previous one's answer). */
  sequential: number;
}

export interface SlowEmulator {
  emulator: RunningEmulator;
  /** What the emulator adds to every call now: API_LATENCY_MS unless changed by setLatency. */
  readonly latencyMs: number;
  /** Every later call waits `ms` before its answer (0: none); the account and the log are kept. */
  setLatency(ms: number): void;
  /** A fresh account (every provider disabled, no credentials) and an empty request log; latency stays. */
  reset(): void;
  /** The calls received since the last reset or count. */
  takeCounts(): CallCounts;
}

export async function startSlowEmulator(): Promise<SlowEmulator> {
  const emulator = await startEmulator({
    apiKeys: [BENCH_API_KEY],
    extraProviders: [...SYNTHETIC_PROVIDERS],
  });
  let latencyMs = API_LATENCY_MS;
  const arm = () => {
    emulator.control.clearFaults();
    // No fault at all for 0 ms: a zero-length sleep would still add a timer turn to every call.
    if (latencyMs > 0) {
      emulator.control.addFault({ path: "/api/v6/*", latencyMs, times: EVERY_CALL });
    }
  };
  arm();
  return {
    emulator,
    get latencyMs() {
      return latencyMs;
    },
    setLatency: (ms) => {
      latencyMs = ms;
      arm();
    },
    reset: () => {
      // reset() also clears faults.
      emulator.control.reset();
      arm();
    },
    takeCounts: () => {
      const requests = emulator.control.requests();
      emulator.control.clearRequests();
      const count = (method: string) => requests.filter((request) => request.method === method).length;
      const others = requests.filter((request) => request.method !== "GET" && request.method !== "PUT");
      if (others.length > 0)
        throw new Error(`unexpected Qard calls: ${others.map((r) => `${r.method} ${r.path}`)}`);
      return { gets: count("GET"), puts: count("PUT"), sequential: sequentialCalls(requests) };
    },
  };
}
