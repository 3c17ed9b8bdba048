import type { Deployment, EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { conciseErrorMessage } from "../../../cli/concise-error-message.ts";
import { policyViolationLines, type PolicyOptions } from "../policy-pack.ts";
import { openStackWithState, PROJECT_NAME } from "../stack.ts";
import { UnknownStackError } from "../unknown-stack-error.ts";
import { UnknownStoredProviderError } from "../stored-providers.ts";
import { refuseBusyState, refuseChangedStack, StackBusyError } from "../busy-stack.ts";
import { classifyPreview, statusOf } from "./classify.ts";
import { errorKindOf } from "./error-kind.ts";
import { reportOf, type DriftReport } from "./drift-report.ts";

export interface CheckDriftOptions {
  stackName: string;
  /** Environment for the CLI and the provider (backend, passphrase, AWS…); process.env by default. */
  env?: Record<string, string>;
  /** Called with each line the CLI prints, e.g. to stream it to a log. */
  onOutput?: (line: string) => void;
  /** Policy packs to enforce, and their config; none by default. */
  policy?: PolicyOptions;
  /** Called with the state the check read, once known unchanged by the read (a repair starts from it). */
  onCheckedState?: (state: Deployment) => void;
}

/**
 * A refresh-preview: reads Qard and Secrets Manager, compares with the state and the config, writes no
 * state. Never throws for a failed check: the report says "error" with the reason, also when the stack is
 * busy (another operation writes it) or its state holds provider code the library did not write. A stack
 * that does not exist is the caller's mistake, not a finding: it throws an UnknownStackError.
 */
export async function checkDrift(options: CheckDriftOptions): Promise<DriftReport> {
  const events: EngineEvent[] = [];
  try {
    const { stack, state: before } = await openStackWithState({
      stackName: options.stackName,
      ...(options.env ? { env: options.env } : {}),
    });
    // The state opening the stack read is where drift starts: the check after the read compares with it,
    // so whatever wrote the stack since is caught there.
    await refuseBusyState(stack, PROJECT_NAME, before);
    await stack.preview({
      refresh: true,
      // The refresh reads Qard with the provider configured from the stack's current config (a rotated
      // key, a new URL), not with the configuration recorded in state by the last `up`.
      runProgram: true,
      diff: true,
      onEvent: (event) => events.push(event),
      ...options.policy,
      ...(options.onOutput ? { onOutput: options.onOutput } : {}),
    });
    await refuseChangedStack(stack, PROJECT_NAME, before);
    options.onCheckedState?.(before);
  } catch (error) {
    if (error instanceof UnknownStackError) throw error;
    // Findings read while another operation writes are its own work: none of them is reported.
    if (error instanceof StackBusyError) {
      return reportOf(options.stackName, "error", [], error.message, "other");
    }
    // Provider code in state the library did not write: nothing ran; not a configuration error either.
    if (error instanceof UnknownStoredProviderError) {
      return reportOf(options.stackName, "error", [], conciseErrorMessage(error), "other");
    }
    // A refused policy fails the preview; its messages are in the events, not in the CLI's error lines.
    // The CLI's whole transcript was already streamed through onOutput when wanted.
    const violations = policyViolationLines(events);
    const concise = conciseErrorMessage(error);
    const reason = [concise, ...violations].join("\n");
    const kind = errorKindOf(concise, violations.length > 0);
    return reportOf(options.stackName, "error", classifyPreview(events), reason, kind);
  }
  const findings = classifyPreview(events);
  return reportOf(options.stackName, statusOf(findings), findings);
}
