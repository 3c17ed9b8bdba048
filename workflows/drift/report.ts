import type { DriftStatus, Finding } from "../stacks/drift-check/classify.ts";
import { blockLiteral, inlineLiteral } from "./markdown-literal.ts";
import { repairLines } from "./repairs.ts";
import type { DriftReport } from "../stacks/drift-check/drift-report.ts";

const HEADLINES: Record<DriftStatus, string> = {
  clean: "Qard matches the stack: no drift, no pending change.",
  drift: "Drift: Qard differs from the stack's state. `pulumi up --refresh` puts it back.",
  config: "Config change pending: the stack's config differs from what was applied. `pulumi up` applies it.",
  rotation: "Rotation pending: a referenced secret has a new version. `pulumi up` sends it to Qard.",
  error: "The drift check failed.",
};

const EXPLAIN: Record<Finding["kind"], string> = {
  drift: "state → Qard",
  config: "state → config",
  rotation: "old → new version",
};

function show(value: unknown): string {
  if (value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Findings by account, in first-seen order: one group without a name for the one-account form, one per
 * account of `qard:accounts` otherwise.
 */
export function byAccount(findings: readonly Finding[]): Array<{ account?: string; findings: Finding[] }> {
  const groups = new Map<string | undefined, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.account);
    if (group === undefined) groups.set(finding.account, [finding]);
    else group.push(finding);
  }
  return [...groups].map(([account, grouped]) =>
    account === undefined ? { findings: grouped } : { account, findings: grouped },
  );
}

export function renderText(report: DriftReport): string {
  const lines = [`Stack ${report.stack}: ${HEADLINES[report.status]}`];
  if (report.error) lines.push(`  ${report.error}`);
  for (const group of byAccount(report.findings)) {
    const indent = group.account === undefined ? "  " : "    ";
    if (group.account !== undefined) lines.push(`  Account ${group.account}:`);
    for (const f of group.findings) {
      const change =
        f.old === undefined && f.new === undefined
          ? ""
          : `: ${show(f.old)} → ${show(f.new)} (${EXPLAIN[f.kind]})`;
      lines.push(`${indent}${f.kind.padEnd(8)} ${f.provider}  ${f.property}${change}`);
    }
  }
  const repairs = repairLines(report.findings);
  if (repairs.length > 0) lines.push("Repairs:", ...repairs.map((line) => `  ${line}`));
  return lines.join("\n");
}

// Names from the stack file and the state, values from Qard: literal code in a cell, as in the record.
function cell(value: unknown): string {
  return value === undefined ? show(value) : inlineLiteral(show(value));
}

export function renderMarkdown(report: DriftReport): string {
  const lines = [
    `### Qard drift check — stack \`${report.stack}\`: ${report.status} (exit ${report.exitCode})`,
    "",
    HEADLINES[report.status],
  ];
  if (report.error) lines.push("", blockLiteral(report.error));
  for (const group of byAccount(report.findings)) {
    if (group.account !== undefined) lines.push("", `#### Account ${inlineLiteral(group.account)}`);
    lines.push("", "| kind | provider | property | from | to |", "| --- | --- | --- | --- | --- |");
    for (const f of group.findings) {
      lines.push(
        `| ${f.kind} | ${cell(f.provider)} | ${cell(f.property)} | ${cell(f.old)} | ${cell(f.new)} |`,
      );
    }
  }
  const repairs = repairLines(report.findings);
  if (repairs.length > 0) lines.push("", ...repairs.map((line) => `- ${line}`));
  return lines.join("\n");
}

export function renderJson(report: DriftReport): string {
  return JSON.stringify(report, null, 2);
}
