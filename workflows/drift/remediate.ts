import { writeFileSync } from "node:fs";
import type { Deployment, EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { neutralizeOutput } from "@qard-iac/pulumi-qard/rules";
import { readStackFile } from "../../infra/config-secrecy.ts";
import { conciseErrorMessage } from "../../cli/concise-error-message.ts";
import { policyViolationLines, type PolicyOptions } from "../stacks/policy-pack.ts";
import { openStack } from "../stacks/stack.ts";
import { UnknownStoredProviderError } from "../stacks/stored-providers.ts";
import { StackBusyError } from "../stacks/busy-stack.ts";
import { refuseChangedSinceCheck, StackChangedSinceCheckError } from "./changed-since-check.ts";
import type { Finding } from "../stacks/drift-check/classify.ts";
import { ERROR_EXIT_CODES, errorKindOf, type ErrorKind } from "../stacks/drift-check/error-kind.ts";
import { blockLiteral, inlineLiteral } from "./markdown-literal.ts";
import { RemediationAllowanceError } from "./remediation-allowance-error.ts";
import {
  parseRemediationAllowance,
  planRemediation,
  remediationTargets,
  REMEDIATION_CONFIG_KEY,
  type RemediationClass,
} from "./remediation-plan.ts";

export interface RemediationRecord {
  stack: string;
  allowed: RemediationClass[];
  /** Providers an `up --refresh --target` was run (or, with `error`, attempted) for. */
  providers: string[];
  /** The findings that up was to repair: every finding of those providers. */
  attempted: Finding[];
  /** The attempted findings when the up succeeded; none when it failed or was refused. */
  repaired: Finding[];
  /** Still findings: waiting for review. */
  left: Finding[];
  /** Set when the repair failed or was refused before it began: why (the engine's error lines). */
  error?: string;
  /** Set with `error`: the cause in Pulumi's terms, as for a failed check. */
  errorKind?: ErrorKind;
}

/** The stack's allowance, from its stack file (reviewed like any config; CODEOWNERS guards prod's). */
export function remediationAllowance(stackName: string): RemediationClass[] {
  const file = readStackFile(stackName) as { config?: Record<string, unknown> } | undefined;
  return parseRemediationAllowance(file?.config?.[REMEDIATION_CONFIG_KEY]);
}

/**
 * Re-applies the providers whose every finding the stack allows: an `up` that refreshes first and targets
 * those resources only, with the policy pack. Nothing else is written, and nothing at all when the stack is
 * busy or its state is no longer the one the check read (`checkedState`). Never throws for a failed or
 * refused repair, nor for an allowance it cannot follow (a configuration error, nothing attempted): the
 * record says what was attempted, that it failed and why.
 */
export async function remediate(options: {
  stackName: string;
  findings: readonly Finding[];
  /** The state the drift check read (checkDrift's onCheckedState). */
  checkedState: Deployment;
  env?: Record<string, string>;
  policy?: PolicyOptions;
  onOutput?: (line: string) => void;
}): Promise<RemediationRecord> {
  let allowed: RemediationClass[];
  try {
    allowed = remediationAllowance(options.stackName);
  } catch (error) {
    if (!(error instanceof RemediationAllowanceError)) throw error;
    // Nothing is attempted: every finding waits for review, and the record says which key to fix.
    return {
      stack: options.stackName,
      allowed: [],
      providers: [],
      attempted: [],
      repaired: [],
      left: [...options.findings],
      error: error.message,
      errorKind: "configuration",
    };
  }
  const plan = planRemediation(options.findings, allowed);
  const record: RemediationRecord = {
    stack: options.stackName,
    allowed,
    providers: plan.providers,
    attempted: plan.repair,
    repaired: [],
    left: plan.leave,
  };
  if (plan.providers.length === 0) return record;
  const events: EngineEvent[] = [];
  try {
    const stack = await openStack({
      stackName: options.stackName,
      ...(options.env ? { env: options.env } : {}),
    });
    await refuseChangedSinceCheck(stack, options.checkedState);
    await stack.up({
      refresh: true,
      runProgram: true,
      target: remediationTargets(options.checkedState, plan.providers),
      diff: true,
      onEvent: (event) => events.push(event),
      ...options.policy,
      ...(options.onOutput ? { onOutput: options.onOutput } : {}),
    });
  } catch (error) {
    return { ...record, ...failureOf(error, events) };
  }
  return { ...record, repaired: plan.repair };
}

/** Why a repair failed, as checkDrift reads a failed check: what drift refused itself is "other". */
function failureOf(error: unknown, events: readonly EngineEvent[]): { error: string; errorKind: ErrorKind } {
  const concise = conciseErrorMessage(error);
  if (
    error instanceof StackChangedSinceCheckError ||
    error instanceof StackBusyError ||
    error instanceof UnknownStoredProviderError
  ) {
    return { error: concise, errorKind: "other" };
  }
  // A refused policy fails the up; its messages are in the events, not in the CLI's error lines.
  const violations = policyViolationLines(events);
  return {
    error: [concise, ...violations].join("\n"),
    errorKind: errorKindOf(concise, violations.length > 0),
  };
}

function row(finding: Finding): string {
  return `| ${finding.kind} | ${inlineLiteral(finding.provider)} | ${inlineLiteral(finding.property)} |`;
}

/** The record as markdown for a GitHub comment: names from outside appear only as literal code. */
export function renderRecordMarkdown(record: RemediationRecord): string {
  const lines = [
    `### Drift remediation — stack \`${record.stack}\``,
    "",
    `Allowed by \`${REMEDIATION_CONFIG_KEY}\`: ${record.allowed.length > 0 ? record.allowed.join(", ") : "nothing"}.`,
  ];
  const failed = record.error !== undefined;
  const sections = [
    failed
      ? (["Attempted, not repaired", record.attempted] as const)
      : (["Repaired", record.repaired] as const),
    ["Left for review", record.left] as const,
  ];
  for (const [title, findings] of sections) {
    lines.push("", `**${title}**: ${findings.length}`);
    if (findings.length > 0)
      lines.push("", "| kind | provider | property |", "| --- | --- | --- |", ...findings.map(row));
  }
  if (failed) {
    const kind = record.errorKind ?? "other";
    lines.push(
      "",
      `**Remediation failed** (${kind}, exit ${ERROR_EXIT_CODES[kind]}):`,
      "",
      blockLiteral(record.error ?? ""),
    );
  }
  return lines.join("\n");
}

/** Whether a record says anything: a finding attempted or left, or an error (a refused allowance included). */
export function hasAnythingToRecord(record: RemediationRecord): boolean {
  return record.attempted.length > 0 || record.left.length > 0 || record.error !== undefined;
}

/** Writes `<prefix>.json` and `<prefix>.md`, neutralised (the JSON keeps its values: see neutralizeOutput). */
export function writeRecord(prefix: string, record: RemediationRecord): void {
  writeFileSync(`${prefix}.json`, `${neutralizeOutput(JSON.stringify(record, null, 2))}\n`);
  writeFileSync(`${prefix}.md`, `${renderRecordMarkdown(record)}\n`);
}
