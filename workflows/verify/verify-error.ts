/**
 * Why a verification stopped before every data type had a result. Callers branch on `reason`; the message
 * says what happened and what to do about it.
 */
export type VerifyFailureReason =
  | "provider-unknown"
  | "provider-disabled"
  | "provider-without-data-types"
  | "connection-exists"
  | "connection-unusable"
  | "authorization-failed"
  | "authorization-timeout"
  | "sync-timeout";

export class VerifyError extends Error {
  readonly reason: VerifyFailureReason;

  constructor(reason: VerifyFailureReason, message: string) {
    super(message);
    this.name = "VerifyError";
    this.reason = reason;
  }
}
