import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import { openStack } from "../../infra/automation/stack.ts";
import type { Finding } from "./classify.ts";
import { checkDrift, type CheckDriftOptions } from "./check-drift.ts";
import { planRemediation, type RemediableClass } from "./plan-remediation.ts";
import { readRemediationAllowance } from "./remediation-allowance.ts";
import { reportOf, type DriftReport } from "./report.ts";

/** What one `--remediate` run did: the record a pipeline keeps. */
export interface RemediationRecord {
  stack: string;
  allowed: RemediableClass[];
  /** The drift put back, per finding (from: what Qard had, to: the stack's value). */
  repaired: Finding[];
  /** Findings left for review, each with why. */
  left: { finding: Finding; reason: string }[];
  /** The drift check after the repair (or the first one when nothing was repaired). */
  after: DriftReport;
}

interface StoredResource {
  urn: string;
  type: string;
}

/**
 * Checks drift; repairs, by a targeted `up` of just those providers, the drift the stack allows in
 * `qard:driftRemediation`; checks again. Credentials and disabling are never repaired; a provider with any
 * other finding is left whole for review.
 */
export async function remediateDrift(options: CheckDriftOptions): Promise<RemediationRecord> {
  let allowed: Set<RemediableClass>;
  try {
    allowed = await readRemediationAllowance(options.stackName);
  } catch (error) {
    const after = reportOf(options.stackName, "error", [], (error as Error).message, "config");
    return { stack: options.stackName, allowed: [], repaired: [], left: [], after };
  }
  const before = await checkDrift(options);
  const record = (after: DriftReport, repaired: Finding[], left: RemediationRecord["left"]) => ({
    stack: options.stackName,
    allowed: [...allowed],
    repaired,
    left,
    after,
  });
  if (before.status === "error") return record(before, [], []);
  const plan = planRemediation(before.findings, allowed);
  if (plan.repair.size === 0) return record(before, [], plan.left);
  const stack = await openStack({
    stackName: options.stackName,
    ...(options.env ? { env: options.env } : {}),
  });
  const exported = await stack.exportStack();
  const resources = ((exported.deployment as { resources?: StoredResource[] }).resources ?? []).filter(
    (resource) => resource.type === QARD_PROVIDER_CONFIG_TYPE,
  );
  const targets = resources
    .filter((resource) => plan.repair.has(resource.urn.slice(resource.urn.lastIndexOf("::") + 2)))
    .map((resource) => resource.urn);
  await stack.up({
    target: targets,
    refresh: true,
    runProgram: true,
    ...options.policy,
    ...(options.onOutput ? { onOutput: options.onOutput } : {}),
  });
  const after = await checkDrift(options);
  return record(after, [...plan.repair.values()].flat(), plan.left);
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function renderRecordMarkdown(record: RemediationRecord): string {
  const allowed = record.allowed.length > 0 ? record.allowed.join(", ") : "nothing";
  const lines = [
    `### Qard drift remediation — stack \`${record.stack}\``,
    "",
    `Allowed by \`qard:driftRemediation\`: ${allowed}. After: ${record.after.status} (exit ${record.after.exitCode}).`,
  ];
  if (record.repaired.length > 0) {
    lines.push("", "| repaired | property | Qard had | put back |", "| --- | --- | --- | --- |");
    for (const f of record.repaired)
      lines.push(`| ${f.provider} | ${f.property} | ${show(f.new)} | ${show(f.old)} |`);
  }
  if (record.left.length > 0) {
    lines.push("", "| left for review | kind | property | why |", "| --- | --- | --- | --- |");
    for (const { finding, reason } of record.left) {
      lines.push(`| ${finding.provider} | ${finding.kind} | ${finding.property} | ${reason} |`);
    }
  }
  return lines.join("\n");
}
