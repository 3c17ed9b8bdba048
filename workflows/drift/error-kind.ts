/**
 * Why a drift check failed, in the Pulumi CLI's own terms (CLI >= 3.226.1), so that a workflow branching on
 * the exit code reads it as it reads `pulumi`'s: 2 configuration, 3 authentication, 4 resource error.
 */
export type ErrorKind = "configuration" | "authentication" | "resource" | "other";

export const ERROR_EXIT_CODES: Record<ErrorKind, number> = {
  other: 1,
  configuration: 2,
  authentication: 3,
  resource: 4,
};

// The provider's next-step wording (providers/src/resource/next-step.ts) and the transport's causes.
const AUTHENTICATION = /check the Qard API key|refused the API key|\b40[13]\b/i;
const RESOURCE =
  /again later|did not answer|cannot be reached|could not be reached|ECONNREFUSED|ECONNRESET|timed out|\b5\d\d\b|\b429\b/i;
const CONFIGURATION = /\bqard:[A-Za-z]|stack config/i;

/**
 * Reads the check's failure reason. A mandatory policy the preview violated is a configuration error (the
 * stack file asks for something the pack refuses), whatever the CLI's own lines say.
 */
export function errorKindOf(reason: string, policyViolated: boolean): ErrorKind {
  if (AUTHENTICATION.test(reason)) return "authentication";
  if (RESOURCE.test(reason)) return "resource";
  if (policyViolated || CONFIGURATION.test(reason)) return "configuration";
  return "other";
}
