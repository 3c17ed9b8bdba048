import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import type { Stack } from "@pulumi/pulumi/automation/index.js";
import { setStackConfig } from "../infra/automation/stack.ts";
import { BASELINE_RESOURCE_TYPE, baselineProgram } from "./baseline-program.ts";
import type { BenchStacks } from "./bench-stacks.ts";
import { fleet } from "./fleet.ts";
import type { ProcessTreeRss } from "./process-tree-rss.ts";
import { BENCH_API_KEY, type SlowEmulator } from "./slow-emulator.ts";
import { stateSize, type StateSize } from "./state-size.ts";

export type Side = "qard" | "baseline";
export type TimedOperation = "up" | "preview";

export interface Run {
  wallMs: number;
  peakRssKb: number;
  peakRssKbByName: Record<string, number>;
}

export interface OverheadResult {
  resources: number;
  /** Runs in measurement order; run i of one side was measured right next to run i of the other. */
  runs: Record<Side, Record<TimedOperation, Run[]>>;
  /** After the first create of each side. */
  state: Partial<Record<Side, StateSize>>;
}

export interface OverheadContext {
  stacks: BenchStacks;
  slow: SlowEmulator;
  rss: ProcessTreeRss;
  backendDir: string;
  progress: (message: string) => void;
}

interface StackSide {
  side: Side;
  name: string;
  stack: Stack;
  type: string;
  /** Puts the side back where every repetition starts. */
  before: () => void;
}

interface Pair {
  count: number;
  sides: StackSide[];
  result: OverheadResult;
}

/**
 * Times `up` (create from an empty stack) and `preview` (of the deployed stack, no changes) of a Qard stack
 * and a no-op baseline stack of each size. Each repetition goes through every size, Qard then baseline
 * (ABAB…), so that both the ratios and the scaling compare runs made under the same machine load. A
 * destroy, not timed, brings each stack back to empty; the emulator's account is reset before each Qard
 * create, so every create does the same work.
 */
export async function measureOverhead(
  context: OverheadContext,
  counts: number[],
  repetitions: number,
): Promise<OverheadResult[]> {
  const pairs: Pair[] = [];
  for (const count of counts) pairs.push(await openPair(context, count));
  for (let repetition = 1; repetition <= repetitions; repetition += 1) {
    for (const pair of pairs) await runPair(context, pair, `run ${repetition}/${repetitions}`);
  }
  return pairs.map((pair) => pair.result);
}

async function openPair(context: OverheadContext, count: number): Promise<Pair> {
  const { slow } = context;
  const config = fleet(count);
  const qard = await context.stacks.open(`qard-${count}`);
  const baseline = await context.stacks.open(`baseline-${count}`, baselineProgram(count));
  // The baseline gets the same stack config, secrets included: decrypting config is the engine's work
  // whatever the resources are, so only the program and the provider differ between the two stacks.
  for (const { stack } of [qard, baseline]) {
    await setStackConfig(
      stack,
      { "qard:apiUrl": slow.emulator.baseUrl, ...config.values },
      { "qard:apiKey": BENCH_API_KEY, ...config.secretPaths },
    );
  }
  return {
    count,
    sides: [
      { side: "qard", ...qard, type: QARD_PROVIDER_CONFIG_TYPE, before: () => slow.reset() },
      { side: "baseline", ...baseline, type: BASELINE_RESOURCE_TYPE, before: () => undefined },
    ],
    result: {
      resources: count,
      runs: { qard: { up: [], preview: [] }, baseline: { up: [], preview: [] } },
      state: {},
    },
  };
}

async function runPair(context: OverheadContext, pair: Pair, label: string): Promise<void> {
  const { rss, progress } = context;
  const line: string[] = [];
  for (const { side, name, stack, type, before } of pair.sides) {
    before();
    const up = await rss.measure(() => stack.up());
    pair.result.state[side] ??= await stateSize(context.backendDir, name, type);
    const preview = await rss.measure(() => stack.preview());
    await stack.destroy();
    pair.result.runs[side].up.push(runOf(up));
    pair.result.runs[side].preview.push(runOf(preview));
    line.push(`${side} up ${Math.round(up.wallMs)} ms, preview ${Math.round(preview.wallMs)} ms`);
  }
  progress(`  ${pair.count} resource(s), ${label}: ${line.join("; ")}`);
}

function runOf(measured: {
  wallMs: number;
  rss: { peakKb: number; peakKbByName: Record<string, number> };
}): Run {
  return {
    wallMs: Math.round(measured.wallMs),
    peakRssKb: measured.rss.peakKb,
    peakRssKbByName: measured.rss.peakKbByName,
  };
}
