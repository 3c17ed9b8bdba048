import { writeFileSync } from "node:fs";
import { readStackFile } from "../../infra/config-secrecy.ts";
import type { PolicyOptions } from "../../infra/automation/policy-pack.ts";
import { openStack } from "../../infra/automation/stack.ts";
import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import type { Finding } from "./classify.ts";
import {
  parseRemediationAllowance,
  planRemediation,
  REMEDIATION_CONFIG_KEY,
  type RemediationClass,
} from "./remediation-plan.ts";

export interface RemediationRecord {
  stack: string;
  allowed: RemediationClass[];
  /** Providers an `up --refresh --target` was run for. */
  providers: string[];
  repaired: Finding[];
  /** Still findings: waiting for review. */
  left: Finding[];
}

/** The stack's allowance, from its stack file (reviewed like any config; CODEOWNERS guards prod's). */
export function remediationAllowance(stackName: string): RemediationClass[] {
  const file = readStackFile(stackName) as { config?: Record<string, unknown> } | undefined;
  return parseRemediationAllowance(file?.config?.[REMEDIATION_CONFIG_KEY]);
}

/**
 * Re-applies the providers whose every finding the stack allows: an `up` that refreshes first and targets
 * those resources only, with the policy pack. Nothing else is written.
 */
export async function remediate(options: {
  stackName: string;
  findings: readonly Finding[];
  env?: Record<string, string>;
  policy?: PolicyOptions;
  onOutput?: (line: string) => void;
}): Promise<RemediationRecord> {
  const allowed = remediationAllowance(options.stackName);
  const plan = planRemediation(options.findings, allowed);
  const record = {
    stack: options.stackName,
    allowed,
    providers: plan.providers,
    repaired: plan.repair,
    left: plan.leave,
  };
  if (plan.providers.length === 0) return record;
  const stack = await openStack({
    stackName: options.stackName,
    ...(options.env ? { env: options.env } : {}),
  });
  const state = await stack.exportStack();
  const resources =
    (state.deployment as { resources?: Array<{ urn: string; type: string }> }).resources ?? [];
  const targets = resources
    .filter((r) => r.type === QARD_PROVIDER_CONFIG_TYPE)
    .filter((r) => plan.providers.includes(r.urn.slice(r.urn.lastIndexOf("::") + 2)))
    .map((r) => r.urn);
  await stack.up({
    refresh: true,
    runProgram: true,
    target: targets,
    diff: true,
    ...options.policy,
    ...(options.onOutput ? { onOutput: options.onOutput } : {}),
  });
  return record;
}

function line(finding: Finding): string {
  return `| ${finding.kind} | ${finding.provider} | ${finding.property} |`;
}

export function renderRecordMarkdown(record: RemediationRecord): string {
  const lines = [
    `### Drift remediation — stack \`${record.stack}\``,
    "",
    `Allowed by \`${REMEDIATION_CONFIG_KEY}\`: ${record.allowed.length > 0 ? record.allowed.join(", ") : "nothing"}.`,
  ];
  for (const [title, findings] of [
    ["Repaired", record.repaired],
    ["Left for review", record.left],
  ] as const) {
    lines.push("", `**${title}**: ${findings.length}`);
    if (findings.length > 0)
      lines.push("", "| kind | provider | property |", "| --- | --- | --- |", ...findings.map(line));
  }
  return lines.join("\n");
}

/** Writes `<prefix>.json` and `<prefix>.md`. */
export function writeRecord(prefix: string, record: RemediationRecord): void {
  writeFileSync(`${prefix}.json`, `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(`${prefix}.md`, `${renderRecordMarkdown(record)}\n`);
}
