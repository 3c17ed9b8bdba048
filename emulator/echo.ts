/**
 * Error messages that quote what Qard received or holds, as a careless server does: the fault behind the
 * test that no secret Qard echoes ever reaches Pulumi's output or state. JSON is written the way PHP's
 * json_encode writes it ("/" and non-ASCII characters escaped), a spelling a naive redactor misses.
 */
import type { EmulatorState } from "./state.ts";

export type EchoKind = "body" | "credentials";

export const ECHO_KINDS: readonly EchoKind[] = ["body", "credentials"];

function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The sentence an echoing fault appends to its error message. */
export function echoText(kind: EchoKind, path: string, body: unknown, state: EmulatorState): string {
  if (kind === "body") return `Rejected request body: ${phpJson(body ?? null)}`;
  const name = /^\/api\/v6\/providers\/([^/]+)/.exec(path)?.[1] ?? "";
  const credentials = state.providers[decodeURIComponent(name)]?.credentials ?? null;
  return `The provider refused the stored credentials ${phpJson(credentials)}`;
}
