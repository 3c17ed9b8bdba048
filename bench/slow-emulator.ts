import { startEmulator, type RunningEmulator } from "../emulator/server.ts";
import { SYNTHETIC_PROVIDERS } from "./fleet.ts";

/** The latency the emulator adds to every Qard API call, standing in for a remote, rate-limited API. */
export const API_LATENCY_MS = 50;

export const BENCH_API_KEY = "bench-api-key";

// Faults are counted down per call; this many outlasts any benchmark run.
const EVERY_CALL = 1_000_000;

export interface SlowEmulator {
  emulator: RunningEmulator;
  /** A fresh account (every provider disabled, no credentials) and an empty request log; latency stays. */
  reset(): void;
  /** GETs and PUTs received since the last reset or count. */
  takeCounts(): { gets: number; puts: number };
}

export async function startSlowEmulator(): Promise<SlowEmulator> {
  const emulator = await startEmulator({
    apiKeys: [BENCH_API_KEY],
    extraProviders: [...SYNTHETIC_PROVIDERS],
  });
  const arm = () =>
    emulator.control.addFault({ path: "/api/v6/*", latencyMs: API_LATENCY_MS, times: EVERY_CALL });
  arm();
  return {
    emulator,
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
      return { gets: count("GET"), puts: count("PUT") };
    },
  };
}
