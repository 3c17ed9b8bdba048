// `npm run bench`: API calls per operation, state size, engine overhead against a no-op baseline and
// scaling, measured in one run against the emulator (50 ms per call, and 0 ms for the Qard stacks' second
// set of runs). Results go to bench/results/.
import os from "node:os";
import { CATALOGUE } from "../emulator/catalogue.ts";
import { resolvePulumiCommand } from "../workflows/stacks/pulumi-command.ts";
import { createTestBackend } from "../test/helpers/pulumi-backend.ts";
import { useOwnPulumiHome } from "../test/helpers/own-pulumi-home.ts";
import { measureApiCalls } from "./api-calls.ts";
import { BenchStacks } from "./bench-stacks.ts";
import { measureOverhead } from "./engine-overhead.ts";
import { SYNTHETIC_PROVIDERS } from "./fleet.ts";
import { ProcessTreeRss, SAMPLE_INTERVAL_MS } from "./process-tree-rss.ts";
import { writeResults } from "./report.ts";
import { measureRuntimeLoad } from "./runtime-load.ts";
import type { BenchResults } from "./results.ts";
import { API_LATENCY_MS, startSlowEmulator, type SlowEmulator } from "./slow-emulator.ts";
import { parseFlags } from "../cli/command-line.ts";
import { runCommand } from "../cli/run-command.ts";

const API_CALL_SIZES = [1, 10];
// Small, medium and fleet-sized stacks; beyond the emulator's built-in providers, the fleet uses synthetic ones.
const OVERHEAD_SIZES = [1, 10, 50];

const BENCH_USAGE = "Usage: npm run bench -- [--repetitions 7]";

/** The number of alternating runs per measurement; a UsageError for anything but a whole number >= 1. */
function parseBenchArgs(argv: string[]): { repetitions: number } {
  const { values, refuse } = parseFlags(argv, { repetitions: { type: "string", default: "7" } }, BENCH_USAGE);
  const repetitions = Number(values.repetitions);
  if (!Number.isInteger(repetitions) || repetitions < 1) {
    throw refuse(`--repetitions must be a whole number >= 1, not "${values.repetitions}"`);
  }
  return { repetitions };
}

async function main(argv: string[]): Promise<number> {
  const { repetitions } = parseBenchArgs(argv);
  const startedAt = new Date();
  const progress = (message: string) => {
    const seconds = ((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4);
    console.log(`[${seconds} s] ${message}`);
  };

  // How many CLI logs this machine has kept would otherwise be part of every figure.
  const removePulumiHome = useOwnPulumiHome();
  const backend = await createTestBackend();
  const stacks = new BenchStacks(backend.env);
  let slow: SlowEmulator | undefined;
  let rss: ProcessTreeRss | undefined;

  let cleaning: Promise<void> | undefined;
  function cleanUp(): Promise<void> {
    cleaning ??= (async () => {
      const problems = await stacks.removeAll();
      for (const problem of problems) console.error(`cleanup: could not remove ${problem}`);
      await rss?.close();
      await slow?.emulator.close();
      await backend.remove();
      removePulumiHome();
    })();
    return cleaning;
  }
  // `on`, not `once`: the Automation API's child-process library re-raises a signal that no other listener
  // is left to handle, which would end the process before the stacks are removed. A second signal ends it.
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      console.error(`\n${signal}: removing the bench stacks before exiting (again to stop at once)`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    slow = await startSlowEmulator();
    rss = new ProcessTreeRss();
    const context = { stacks, slow, rss, backendDir: backend.dir, progress };

    progress(`API calls per operation (${API_LATENCY_MS} ms per call)`);
    const apiCalls: BenchResults["apiCalls"] = [];
    const qardState: BenchResults["qardState"] = {};
    for (const count of API_CALL_SIZES) {
      const measured = await measureApiCalls(context, count);
      apiCalls.push(...measured.rows);
      qardState[count] = measured.state;
    }

    progress(
      `Engine overhead: up and preview, Qard (${API_LATENCY_MS} ms, then 0 ms per call) vs no-op baseline, ${repetitions} alternating runs per size`,
    );
    const overhead = await measureOverhead(context, OVERHEAD_SIZES, repetitions);

    progress("Qard runtime load in a fresh Node.js process");
    const runtimeLoad = await measureRuntimeLoad(repetitions);
    progress(
      `  ${runtimeLoad.ms} ms, +${Math.round(runtimeLoad.rssKb / 1024)} MB RSS; then the client ${runtimeLoad.clientMs} ms`,
    );

    const results: BenchResults = {
      startedAt: startedAt.toISOString(),
      durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
      machine: {
        cpus: os.availableParallelism(),
        node: process.version,
        pulumi: (await resolvePulumiCommand()).version?.toString() ?? "unknown",
        platform: `${os.platform()} ${os.release()}`,
      },
      settings: {
        apiLatencyMs: API_LATENCY_MS,
        repetitions,
        overheadSizes: OVERHEAD_SIZES,
        catalogue: {
          builtIn: CATALOGUE.length,
          synthetic: SYNTHETIC_PROVIDERS.length,
          syntheticWithCredentials: SYNTHETIC_PROVIDERS.filter((d) => d.credentials.length > 0).length,
          syntheticNames: `${SYNTHETIC_PROVIDERS[0]?.name} to ${SYNTHETIC_PROVIDERS.at(-1)?.name}`,
        },
        rssSampleIntervalMs: SAMPLE_INTERVAL_MS,
      },
      apiCalls,
      qardState,
      overhead,
      runtimeLoad,
    };
    const written = await writeResults(results);
    progress(`Wrote ${written.join(", ")}`);
  } finally {
    await cleanUp();
  }
  return 0;
}

if (import.meta.main) runCommand(main);
