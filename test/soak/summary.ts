/** The soak's summary: cycles, operations and outcomes, faults injected and fired by kind, checks, failures. */
import { FAULT_KINDS, type FaultKind } from "./fault-mix.ts";
import type { CycleReport } from "./cycle.ts";
import type { SoakResult } from "./soak-run.ts";

export interface Violation {
  cycle: number;
  message: string;
}

export function violationsOf(result: SoakResult): Violation[] {
  return result.reports.flatMap((report) =>
    report.violations.map((message) => ({ cycle: report.cycle, message })),
  );
}

/** One line per cycle, for the progress log and for a failure's context. */
export function cycleLine(report: CycleReport): string {
  const faults = report.faults.map(
    (fault) => `${fault.kind} on ${fault.spec.method ?? "*"} ${fault.spec.path}`,
  );
  const parts = [
    `#${report.cycle}`,
    report.edit === undefined ? "" : `edit: ${report.edit}`,
    report.outOfBand === undefined ? "" : `out of band: ${report.outOfBand}`,
    faults.length === 0 ? "" : `faults: ${faults.join("; ")} (fired ${report.fired.length})`,
    `${report.operation}: ${report.succeeded ? "ok" : "failed"}${report.driftStatus ? ` (${report.driftStatus})` : ""}`,
    `${(report.durationMs / 1000).toFixed(1)} s`,
    report.violations.length === 0 ? "" : `VIOLATIONS: ${report.violations.join(" | ")}`,
  ];
  return parts.filter((part) => part !== "").join(" · ");
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function renderSummary(result: SoakResult): string {
  const { reports } = result;
  const violations = violationsOf(result);
  const ops = ["up", "preview", "drift", "destroy"] as const;
  const opRows = ops.map((op) => {
    const of = reports.filter((r) => r.operation === op);
    return [
      op,
      String(of.length),
      String(of.filter((r) => r.succeeded).length),
      String(of.filter((r) => !r.succeeded).length),
    ];
  });
  const faultRows = (Object.keys(FAULT_KINDS) as FaultKind[]).map((kind) => [
    kind,
    String(reports.reduce((n, r) => n + r.faults.filter((f) => f.kind === kind).length, 0)),
    String(reports.reduce((n, r) => n + r.fired.filter((f) => f.kind === kind).length, 0)),
  ]);
  const lines = [
    `Soak, seed ${result.seed}: ${reports.length} of ${result.cyclesPlanned} cycles in ${(result.durationMs / 1000).toFixed(0)} s`,
    "",
    table([["operation", "runs", "ok", "failed (expected or not)"], ...opRows]),
    "",
    table([["fault", "injected", "fired (requests)"], ...faultRows]),
    "",
    `edits: ${reports.filter((r) => r.edit !== undefined).length}, out-of-band changes: ${reports.filter((r) => r.outOfBand !== undefined).length}`,
    `invariants checked: ${reports.reduce((n, r) => n + r.checks, 0)}`,
    `failures (invariant violations): ${violations.length}`,
    ...violations.map((v) => `  cycle ${v.cycle}: ${v.message}`),
  ];
  if (violations.length > 0)
    lines.push(`Reproduce with: npm run soak -- --seed ${result.seed} --cycles ${result.cyclesPlanned}`);
  return lines.join("\n");
}
