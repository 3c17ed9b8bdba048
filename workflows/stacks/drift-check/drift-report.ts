import type { DriftStatus, Finding } from "./classify.ts";
import type { ErrorKind } from "./error-kind.ts";
import { exitCodeOf } from "./exit-codes.ts";

export interface DriftReport {
  stack: string;
  status: DriftStatus;
  exitCode: number;
  findings: Finding[];
  /** Set when the check itself failed (status "error"). */
  error?: string;
  /** Set with `error`: why, in Pulumi's terms (its exit code is Pulumi's for the same cause). */
  errorKind?: ErrorKind;
}

export function reportOf(
  stack: string,
  status: DriftStatus,
  findings: Finding[],
  error?: string,
  errorKind?: ErrorKind,
): DriftReport {
  const kind = status === "error" ? (errorKind ?? "other") : undefined;
  const report: DriftReport = { stack, status, exitCode: exitCodeOf(status, kind), findings };
  if (error !== undefined) report.error = error;
  if (kind !== undefined) report.errorKind = kind;
  return report;
}
