/**
 * What the soak knows of the stack's state and of Qard: the state is the config of the last successful
 * `up` (or nothing after a `destroy`), and unknown after a failed operation, which may have written part
 * of its plan. Qard is read from the emulator before and after each operation.
 */
import type { SoakConfig, SoakProvider } from "./soak-config.ts";

/** The managed providers recorded in state, or "unknown" when a failed operation left it uncertain. */
export type KnownStackState = { providers: Record<string, SoakProvider> } | "unknown";

/** One provider as Qard holds it. */
export interface QardProviderView {
  enabled: boolean;
  settings: Record<string, boolean>;
  credentials?: Record<string, string | boolean>;
}

export type QardView = Record<string, QardProviderView>;

export type OperationKind = "up" | "preview" | "drift" | "destroy";

/** The state after an operation ended, from the state before it and what the operation was. */
export function stateAfter(
  operation: OperationKind,
  succeeded: boolean,
  before: KnownStackState,
  config: SoakConfig,
): KnownStackState {
  if (operation === "preview" || operation === "drift") return before;
  if (!succeeded) return "unknown";
  if (operation === "destroy") return { providers: {} };
  return { providers: structuredClone(config.providers) };
}
