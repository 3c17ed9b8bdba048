/** The mutable parts of one running emulator, shared by its request handler and its control API. */
import type { Catalogue } from "./catalogue.ts";
import { FaultTable } from "./faults.ts";
import { RequestLog } from "./request-log.ts";
import type { AnswerShapes } from "./shapes.ts";
import { saveStateFile } from "./state-file.ts";
import type { EmulatorState } from "./state.ts";

export interface EmulatorRuntime {
  /** The providers this emulator knows; fixed for its lifetime. */
  readonly catalogue: Catalogue;
  state: EmulatorState;
  shapes: AnswerShapes;
  /** What `reset()` returns to: the shapes the emulator was started with. */
  readonly initialShapes: AnswerShapes;
  readonly faults: FaultTable;
  readonly log: RequestLog;
  readonly apiKeys: readonly string[];
  readonly syncDelayMs: number;
  readonly stateFile: string | undefined;
  baseUrl: string;
  /** Latency timers still pending, cleared on close so a closing emulator does not wait for them. */
  readonly timers: Set<NodeJS.Timeout>;
}

export function persist(runtime: EmulatorRuntime): void {
  if (runtime.stateFile !== undefined) saveStateFile(runtime.stateFile, runtime.state);
}

export function sleep(runtime: EmulatorRuntime, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      runtime.timers.delete(timer);
      resolve();
    }, ms);
    runtime.timers.add(timer);
  });
}
