/**
 * One engine operation of a cycle, through the Automation API as the project's commands run it: `up`
 * (refreshing first, so Qard is read before the plan), `preview --refresh`, the drift check, `destroy`.
 * Never throws for a failed operation: the outcome carries the message the user would read.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { conciseErrorMessage } from "../../cli/concise-error-message.ts";
import { checkDrift } from "../../workflows/stacks/drift-check/check-drift.ts";
import { renderJson } from "../../workflows/drift/report.ts";
import type { DriftReport } from "../../workflows/stacks/drift-check/drift-report.ts";
import type { E2eStack } from "../helpers/e2e-stack.ts";
import type { OperationKind } from "./soak-state.ts";

export interface OperationOutcome {
  succeeded: boolean;
  /** The concise message of a failure (what the CLI's error lines say), for the "what to do" check. */
  message?: string;
  /** Everything the user could see of it: CLI output, engine events, the whole error, the report. */
  visible: Record<string, string>;
  drift?: DriftReport;
}

export async function runOperation(e2e: E2eStack, operation: OperationKind): Promise<OperationOutcome> {
  const output: string[] = [];
  const events: EngineEvent[] = [];
  const record = {
    onOutput: (text: string) => output.push(text),
    onEvent: (event: EngineEvent) => events.push(event),
  };
  const visible = () => ({ "the CLI output": output.join(""), "the engine events": JSON.stringify(events) });
  if (operation === "drift") {
    const report = await checkDrift({
      stackName: e2e.stackName,
      env: e2e.backend.env,
      onOutput: record.onOutput,
    });
    const failed = report.status === "error";
    return {
      succeeded: !failed,
      ...(failed ? { message: report.error ?? "(no reason given)" } : {}),
      visible: { ...visible(), "the drift report": renderJson(report) },
      drift: report,
    };
  }
  try {
    if (operation === "up") await e2e.stack.up({ refresh: true, ...record });
    else if (operation === "preview") await e2e.stack.preview({ refresh: true, diff: true, ...record });
    else await e2e.stack.destroy({ ...record });
    return { succeeded: true, visible: visible() };
  } catch (error) {
    const whole = error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error);
    return {
      succeeded: false,
      message: conciseErrorMessage(error),
      visible: { ...visible(), "the error": whole },
    };
  }
}
