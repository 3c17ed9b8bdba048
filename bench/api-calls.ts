import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import { setStackConfig } from "../workflows/stacks/stack.ts";
import type { BenchStacks } from "./bench-stacks.ts";
import { fleet, rotationPath } from "./fleet.ts";
import { BENCH_API_KEY, type SlowEmulator } from "./slow-emulator.ts";
import { stateSize, type StateSize } from "./state-size.ts";

export interface ApiCallRow {
  operation: string;
  providers: number;
  gets: number;
  puts: number;
  /**
   * Calls that had to wait for one another: the round trips the operation cannot overlap. Absent from
   * results written before it was counted.
   */
  sequential?: number;
  minimumGets: number;
  minimumPuts: number;
  /** For orientation only: one run, not a median. */
  wallMs: number;
}

export interface ApiCallsResult {
  rows: ApiCallRow[];
  /** The Qard stack's state right after the create. */
  state: StateSize;
}

export interface ApiCallsContext {
  stacks: BenchStacks;
  slow: SlowEmulator;
  backendDir: string;
  progress: (message: string) => void;
}

/**
 * Counts the Qard calls of each lifecycle operation on one stack of `count` providers, from an empty
 * account to destroy. Rotation is done in value mode: a new value for one secret credential in stack config.
 */
export async function measureApiCalls(context: ApiCallsContext, count: number): Promise<ApiCallsResult> {
  const { slow, progress } = context;
  const { name, stack } = await context.stacks.open(`calls-${count}`);
  const initial = fleet(count);
  await setStackConfig(
    stack,
    { "qard:apiUrl": slow.emulator.baseUrl, ...initial.values },
    { "qard:apiKey": BENCH_API_KEY, ...initial.secretPaths },
  );
  slow.reset();
  const rows: ApiCallRow[] = [];
  const step = async (
    operation: string,
    minimum: { gets: number; puts: number },
    run: () => Promise<unknown>,
  ) => {
    slow.takeCounts();
    const started = performance.now();
    await run();
    const wallMs = Math.round(performance.now() - started);
    const counts = slow.takeCounts();
    rows.push({
      operation,
      providers: count,
      ...counts,
      minimumGets: minimum.gets,
      minimumPuts: minimum.puts,
      wallMs,
    });
    progress(
      `  ${operation}, ${count} provider(s): ${counts.gets} GET, ${counts.puts} PUT, ${counts.sequential} in sequence (${wallMs} ms)`,
    );
  };

  // One list read per operation: a create must see what Qard holds (adoption, availability), and a settings
  // PUT carries the live settings it does not manage; refresh reads every provider from the same list.
  await step("create", { gets: 1, puts: initial.minimumCreatePuts }, () => stack.up());
  const state = await stateSize(context.backendDir, name, QARD_PROVIDER_CONFIG_TYPE);
  await step("no-op up", { gets: 0, puts: 0 }, () => stack.up());
  const changed = fleet(count, { settingChanged: true });
  await setStackConfig(stack, changed.values, changed.secretPaths);
  await step("one setting changed", { gets: 1, puts: 1 }, () => stack.up());
  const rotation = rotationPath();
  await setStackConfig(stack, {}, { [rotation.path]: rotation.value });
  await step("rotation (value mode)", { gets: 0, puts: 1 }, () => stack.up());
  await step("preview --refresh", { gets: 1, puts: 0 }, () => stack.preview({ refresh: true }));
  await step("destroy", { gets: 0, puts: count }, () => stack.destroy());
  return { rows, state };
}
