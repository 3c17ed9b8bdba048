import path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { projectRoot } from "./project-root.ts";

/** The flag that runs `npm run stack|drift|promote` without the policy pack (with a warning). */
export const NO_POLICY_FLAG = "--no-policy";

/** The Qard policy pack (policy/), enforced by default. */
export function policyPackDir(): string {
  return path.join(projectRoot(), "policy");
}

export interface PolicyChoice {
  /** The command line without the policy flag, for the command's own parser. */
  argv: string[];
  /** The Automation API's `policyPacks` option for preview and up: the pack, or none with --no-policy. */
  policyPacks: string[];
}

/** Takes `--no-policy` out of the command line; the pack is on unless it is given. */
export function choosePolicy(
  argv: readonly string[],
  warn: (message: string) => void = console.error,
): PolicyChoice {
  const rest = argv.filter((arg) => arg !== NO_POLICY_FLAG);
  if (rest.length === argv.length) return { argv: rest, policyPacks: [policyPackDir()] };
  warn(
    `warning: ${NO_POLICY_FLAG}: the Qard policy pack (policy/) is not enforced for this run; ` +
      `pipelines must not use this flag.`,
  );
  return { argv: rest, policyPacks: [] };
}

/** One line per policy violation the engine reported, e.g. for a report that does not show the CLI's output. */
export function policyViolationLines(events: readonly EngineEvent[]): string[] {
  return events.flatMap((event) => {
    const policy = event.policyEvent;
    if (!policy) return [];
    const resource = policy.resourceUrn ? ` (${policy.resourceUrn.split("::").pop()})` : "";
    // The engine sends the policy's description, then the violation's own message.
    const lines = policy.message.trim().split("\n");
    const message = (lines.length > 1 ? lines.slice(1) : lines).join(" ").trim();
    return [`policy ${policy.policyName} [${policy.enforcementLevel}]${resource}: ${message}`];
  });
}
