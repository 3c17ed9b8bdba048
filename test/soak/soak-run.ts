/**
 * The soak: a stack of the real project on a throwaway backend, pointed at a fresh emulator, driven
 * through `cycles` random cycles from one seed. Bounded in time: no cycle starts after `deadlineMs`.
 */
import { createE2eStack } from "../helpers/e2e-stack.ts";
import { runCycle, type CycleReport, type SoakWorld } from "./cycle.ts";
import { SeededRandom } from "./random.ts";
import { initialConfig, stackConfigOf } from "./soak-config.ts";

export interface SoakOptions {
  seed: number;
  cycles: number;
  /** Wall-clock limit of the whole run; cycles not started by then are skipped (and counted). */
  deadlineMs?: number;
  /** Called after each cycle, e.g. to print a line. */
  onCycle?: (report: CycleReport) => void;
}

export interface SoakResult {
  seed: number;
  cyclesPlanned: number;
  reports: CycleReport[];
  durationMs: number;
}

const API_KEY = "soak-api-key";

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const random = new SeededRandom(options.seed);
  const canaries: string[] = [];
  const newCanary = () => {
    const canary = `soak-canary-${options.seed}-${canaries.length + 1}-${random.int(1000, 9999)}`;
    canaries.push(canary);
    return canary;
  };
  const config = initialConfig(newCanary);
  const { values, secrets } = stackConfigOf(config);
  const e2e = await createE2eStack({
    name: "soak",
    apiKey: API_KEY,
    config: () => values,
    secretConfig: secrets,
  });
  const world: SoakWorld = {
    e2e,
    apiKey: API_KEY,
    random,
    config,
    state: { providers: {} },
    canaries,
    newCanary,
  };
  const reports: CycleReport[] = [];
  try {
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      if (options.deadlineMs !== undefined && Date.now() - started > options.deadlineMs) break;
      const report = await runCycle(world, cycle);
      reports.push(report);
      options.onCycle?.(report);
    }
  } finally {
    await e2e.dispose();
  }
  return { seed: options.seed, cyclesPlanned: options.cycles, reports, durationMs: Date.now() - started };
}
