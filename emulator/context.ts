/** What the Qard API routes work on; the server builds a fresh one for each request. */
import type { Catalogue } from "./catalogue.ts";
import type { AnswerShapes } from "./shapes.ts";
import type { EmulatorState } from "./state.ts";

export interface QardContext {
  catalogue: Catalogue;
  state: EmulatorState;
  shapes: AnswerShapes;
  /** The emulator's own address, for redirect URLs. */
  baseUrl: string;
  /** Time a new sync takes from QUEUED to SUCCESS. */
  syncDelayMs: number;
}
