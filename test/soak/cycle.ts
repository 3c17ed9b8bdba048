/**
 * One soak cycle: maybe a config edit, maybe an out-of-band change in Qard, zero to two faults, one engine
 * operation; then every invariant, each counted, each violation named.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describeFault } from "../../emulator/faults.ts";
import { setStackConfig } from "../../workflows/stacks/stack.ts";
import type { E2eStack } from "../helpers/e2e-stack.ts";
import { expectedDriftStatus } from "./drift-expectation.ts";
import { randomFaults, type FaultKind, type InjectedFault } from "./fault-mix.ts";
import {
  canaryLeaks,
  failureExplained,
  namesWhatToDo,
  qardDestroyed,
  qardMatchesConfig,
  type FiredFault,
} from "./invariants.ts";
import type { SeededRandom } from "./random.ts";
import { readQard } from "./read-qard.ts";
import { runOperation } from "./run-operation.ts";
import { randomEdit, SOAK_PROVIDERS, stackConfigOf, type SoakConfig } from "./soak-config.ts";
import { stateAfter, type KnownStackState, type OperationKind, type QardView } from "./soak-state.ts";
import { excessWrites, writeAllowance } from "./write-allowance.ts";
import { isRecord, messageOf } from "@qard-iac/pulumi-qard/internal";

export interface SoakWorld {
  e2e: E2eStack;
  apiKey: string;
  random: SeededRandom;
  config: SoakConfig;
  state: KnownStackState;
  /** Every secret value planted so far. */
  canaries: string[];
  newCanary(): string;
}

export interface CycleReport {
  cycle: number;
  edit?: string;
  outOfBand?: string;
  operation: OperationKind;
  faults: InjectedFault[];
  fired: FiredFault[];
  succeeded: boolean;
  message?: string;
  driftStatus?: string;
  checks: number;
  violations: string[];
  durationMs: number;
}

// A slow answer past the time limit is still being served when the operation ends; the soak waits for it
// before reading Qard, or its late write would look like drift.
const SETTLE_LIMIT_MS = 30_000;

export async function runCycle(world: SoakWorld, cycle: number): Promise<CycleReport> {
  const started = Date.now();
  const { e2e, random } = world;
  const report: Omit<CycleReport, "operation" | "succeeded" | "durationMs"> = {
    cycle,
    faults: [],
    fired: [],
    checks: 0,
    violations: [],
  };

  if (random.chance(0.5)) {
    const edit = randomEdit(random, world.config, world.newCanary);
    world.config = edit.config;
    report.edit = edit.label;
    const { values, secrets } = stackConfigOf(world.config);
    await setStackConfig(e2e.stack, values, secrets);
  }

  let qardBefore = await readQard(e2e.emulator, world.apiKey);
  const declared = Object.keys(world.config.providers);
  if (random.chance(0.3)) {
    report.outOfBand = outOfBandChange(world, random.pick(declared), qardBefore);
    qardBefore = await readQard(e2e.emulator, world.apiKey);
  }

  const operation = random.weighted<OperationKind>([
    ["up", 5],
    ["preview", 2],
    ["drift", 2],
    ["destroy", 1],
  ]);
  const allowance = writeAllowance(operation, world.config, world.state, qardBefore);
  const expectedDrift = expectedDriftStatus(world.state, qardBefore, world.config);

  e2e.emulator.control.clearRequests();
  report.faults = randomFaults(random, Date.now(), Object.keys(allowance));
  const kinds = new Map<string, FaultKind>();
  for (const fault of report.faults) {
    e2e.emulator.control.addFault(fault.spec);
    kinds.set(describeFault(fault.spec), fault.kind);
  }
  const outcome = await runOperation(e2e, operation);
  e2e.emulator.control.clearFaults();
  await settle(e2e);

  const log = e2e.emulator.control.requests();
  report.fired = log.flatMap((entry) => {
    const kind = entry.fault === undefined ? undefined : kinds.get(entry.fault);
    return kind === undefined ? [] : [{ kind, method: entry.method, path: entry.path }];
  });
  const qardAfter = await readQard(e2e.emulator, world.apiKey);
  const check = (problems: readonly string[]) => {
    report.checks += 1;
    report.violations.push(...problems);
  };

  check(
    excessWrites(
      log.filter((entry) => entry.method !== "GET"),
      allowance,
    ),
  );
  if (!outcome.succeeded) {
    const message = outcome.message ?? "";
    check(
      failureExplained(world.config, report.fired)
        ? []
        : [`${operation} failed although no fault or config error explains it: ${message}`],
    );
    check(namesWhatToDo(message) ? [] : [`${operation} failed without saying what to do: ${message}`]);
  }
  if (outcome.succeeded && operation === "up") check(qardMatchesConfig(world.config, world.state, qardAfter));
  if (outcome.succeeded && operation === "destroy") check(qardDestroyed(world.state, qardAfter));
  if (outcome.drift !== undefined) {
    report.driftStatus = outcome.drift.status;
    if (outcome.succeeded && expectedDrift !== undefined) {
      check(
        outcome.drift.status === expectedDrift
          ? []
          : [`drift reported "${outcome.drift.status}", the model expects "${expectedDrift}"`],
      );
    }
  }
  check(await stateProblems(e2e));
  const stateFiles = await filesUnder(e2e.backend.dir);
  // The stack's outputs change only with an up.
  const outputs: Record<string, string> =
    operation === "up" ? { "the stack outputs": JSON.stringify(await e2e.stack.outputs()) } : {};
  check(
    canaryLeaks(
      {
        ...outcome.visible,
        ...outputs,
        "the state files": stateFiles,
        "the emulator's request log": JSON.stringify(log),
      },
      world.canaries,
    ),
  );

  world.state = stateAfter(operation, outcome.succeeded, world.state, world.config);
  return {
    ...report,
    operation,
    succeeded: outcome.succeeded,
    ...(outcome.message === undefined ? {} : { message: outcome.message }),
    durationMs: Date.now() - started,
  };
}

/** Flips one property of a declared provider in Qard, as someone in Qard's console would. */
function outOfBandChange(world: SoakWorld, name: string, qard: QardView): string {
  const live = qard[name];
  const settings = SOAK_PROVIDERS[name] ?? [];
  if (live === undefined || settings.length === 0 || world.random.chance(0.5)) {
    const enabled = !(live?.enabled ?? false);
    world.e2e.emulator.control.patchProvider(name, { enabled });
    return `${name}.enabled = ${enabled}`;
  }
  const setting = world.random.pick(settings);
  const value = !(live.settings[setting] ?? false);
  world.e2e.emulator.control.patchProvider(name, { settings: { [setting]: value } });
  return `${name}.settings.${setting} = ${value}`;
}

/** Waits until no request is still being served (a slow answer's late write lands before Qard is read). */
async function settle(e2e: E2eStack): Promise<void> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  const pending = () =>
    e2e.emulator.control
      .requests()
      .some((entry) => entry.status === 0 && entry.fault?.startsWith("latency") && entry.durationMs === 0);
  while (pending() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** The state must stay readable: `pulumi stack export` gives a deployment that parses. */
async function stateProblems(e2e: E2eStack): Promise<string[]> {
  try {
    const exported = await e2e.stack.exportStack();
    const parsed: unknown = JSON.parse(JSON.stringify(exported));
    const ok = isRecord(parsed) && "deployment" in parsed;
    return ok ? [] : ["the exported state has no deployment"];
  } catch (error) {
    return [`the state cannot be exported: ${messageOf(error).split("\n")[0]}`];
  }
}

/** Every file of the file backend (checkpoints, history, backups), as one text. */
async function filesUnder(dir: string): Promise<string> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) =>
    entry.isFile(),
  );
  const texts = await Promise.all(
    files.map((file) => readFile(path.join(file.parentPath, file.name), "utf8")),
  );
  return texts.join("\n");
}
