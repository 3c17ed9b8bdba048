import type { DriftStatus } from "./classify.ts";
import { ERROR_EXIT_CODES, type ErrorKind } from "./error-kind.ts";

/**
 * Findings have codes of their own, outside Pulumi's global mapping (0-7) and our usage error (64): a
 * workflow never mistakes "drift found" for "the CLI could not authenticate". Rotation > config > drift when
 * several kinds are found (the headline names the highest, the report lists all).
 */
export const FINDING_EXIT_CODES = { drift: 10, config: 11, rotation: 12 } as const;

export function exitCodeOf(status: DriftStatus, errorKind: ErrorKind = "other"): number {
  if (status === "clean") return 0;
  if (status === "error") return ERROR_EXIT_CODES[errorKind];
  return FINDING_EXIT_CODES[status];
}
