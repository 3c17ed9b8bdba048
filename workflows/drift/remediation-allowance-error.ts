/**
 * `qard:driftRemediation` in the stack file is not an allowance drift can follow (not a list, or a class that
 * is never repaired unattended). A configuration error in Pulumi's terms: the run exits 2 and repairs nothing.
 */
export class RemediationAllowanceError extends Error {
  override name = "RemediationAllowanceError";
}
