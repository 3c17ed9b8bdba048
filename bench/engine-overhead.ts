import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import type { Stack } from "@pulumi/pulumi/automation/index.js";
import { setStackConfig } from "../workflows/stacks/stack.ts";
import { BASELINE_RESOURCE_TYPE, baselineProgram } from "./baseline-program.ts";
import type { BenchStacks } from "./bench-stacks.ts";
import { fleet } from "./fleet.ts";
import type { ProcessTreeRss } from "./process-tree-rss.ts";
import { API_LATENCY_MS, BENCH_API_KEY, type SlowEmulator } from "./slow-emulator.ts";
import { stateSize, type StateSize } from "./state-size.ts";

/**
 * `qard` runs against the emulator at its default latency, `qardNoLatency` against the same emulator adding
 * nothing, so that what our code adds shows without the wait for Qard; the baseline makes no Qard call.
 */
export type Side = "qard" | "baseline" | "qardNoLatency";
export type TimedOperation = "up" | "preview";

export interface Run {
  wallMs: number;
  peakRssKb: number;
  peakRssKbByName: Record<string, number>;
  /** Qard sides only: the latency the emulator added to each call during this run. */
  apiLatencyMs?: number;
  /** Qard sides only: calls the run made, and the longest chain of them made one after the other. */
  apiCalls?: number;
  sequentialCalls?: number;
}

export interface OverheadResult {
  resources: number;
  /**
   * Runs in measurement order; run i of each side was measured right next to run i of the others. Results
   * written before the 0 ms runs were added have no `qardNoLatency`.
   */
  runs: Record<"qard" | "baseline", Record<TimedOperation, Run[]>> &
    Partial<Record<"qardNoLatency", Record<TimedOperation, Run[]>>>;
  /** After the first create of each side (the 0 ms Qard stack holds the same as the other). */
  state: Partial<Record<"qard" | "baseline", StateSize>>;
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
  /** Qard sides: the calls since `before` or the last count, and the latency they were made with. */
  takeCalls?: () => Pick<Run, "apiLatencyMs" | "apiCalls" | "sequentialCalls">;
}

interface Pair {
  count: number;
  sides: StackSide[];
  result: OverheadResult;
}

/**
 * Times `up` (create from an empty stack) and `preview` (of the deployed stack, no changes) of a Qard stack
 * and a no-op baseline stack of each size. Each repetition goes through every size: Qard at the emulator's
 * latency, baseline, Qard at 0 ms (ABCABC…), so that the ratios and the scaling compare runs made under the
 * same machine load. The Qard stack at 0 ms is a stack of its own, so that each Qard stack's program and
 * engine see the same history in every repetition. A destroy, not timed, brings each stack back to empty;
 * the emulator's account is reset before each Qard create, so every create does the same work. The calls
 * of each Qard run are counted from the emulator's log, to subtract the time spent waiting for Qard.
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
  const qardNoLatency = await context.stacks.open(`qard0-${count}`);
  // The baseline gets the same stack config, secrets included: decrypting config is the engine's work
  // whatever the resources are, so only the program and the provider differ between the stacks.
  for (const { stack } of [qard, baseline, qardNoLatency]) {
    await setStackConfig(
      stack,
      { "qard:apiUrl": slow.emulator.baseUrl, ...config.values },
      { "qard:apiKey": BENCH_API_KEY, ...config.secretPaths },
    );
  }
  return {
    count,
    sides: [
      qardSide(slow, "qard", qard, API_LATENCY_MS),
      { side: "baseline", ...baseline, type: BASELINE_RESOURCE_TYPE, before: () => undefined },
      qardSide(slow, "qardNoLatency", qardNoLatency, 0),
    ],
    result: {
      resources: count,
      runs: {
        qard: { up: [], preview: [] },
        baseline: { up: [], preview: [] },
        qardNoLatency: { up: [], preview: [] },
      },
      state: {},
    },
  };
}

function qardSide(
  slow: SlowEmulator,
  side: "qard" | "qardNoLatency",
  opened: { name: string; stack: Stack },
  latencyMs: number,
): StackSide {
  return {
    side,
    ...opened,
    type: QARD_PROVIDER_CONFIG_TYPE,
    before: () => {
      slow.setLatency(latencyMs);
      slow.reset();
    },
    takeCalls: () => {
      const counts = slow.takeCounts();
      const calls = { apiLatencyMs: slow.latencyMs, apiCalls: counts.gets + counts.puts };
      // Without latency, calls made side by side can no longer be told apart from calls made in turn; the
      // floor is 0 whatever their number.
      return latencyMs > 0 ? { ...calls, sequentialCalls: counts.sequential } : calls;
    },
  };
}

// The engine runs at most 4 × CPUs resource operations at once (8 on two cores) unless told otherwise: with
// more resources, a create waits for a slot that another holds while it waits for Qard, which is the API's
// latency queued by the engine, not work of ours. Every side runs with room for all of its resources (and
// the stack and default provider, which are steps too).
const engineRoom = (resources: number) => ({ parallel: resources + 2 });

async function runPair(context: OverheadContext, pair: Pair, label: string): Promise<void> {
  const { rss, progress } = context;
  const line: string[] = [];
  for (const { side, name, stack, type, before, takeCalls } of pair.sides) {
    before();
    const up = await rss.measure(() => stack.up(engineRoom(pair.count)));
    const upCalls = takeCalls?.() ?? {};
    if (side !== "qardNoLatency") pair.result.state[side] ??= await stateSize(context.backendDir, name, type);
    const preview = await rss.measure(() => stack.preview(engineRoom(pair.count)));
    const previewCalls = takeCalls?.() ?? {};
    await stack.destroy();
    const runs = (pair.result.runs[side] ??= { up: [], preview: [] });
    runs.up.push({ ...runOf(up), ...upCalls });
    runs.preview.push({ ...runOf(preview), ...previewCalls });
    const calls =
      upCalls.sequentialCalls === undefined ? "" : ` (${upCalls.sequentialCalls} calls in sequence)`;
    line.push(`${side} up ${Math.round(up.wallMs)} ms${calls}, preview ${Math.round(preview.wallMs)} ms`);
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
