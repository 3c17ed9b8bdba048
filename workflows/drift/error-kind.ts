/**
 * Why a drift check failed, in the meanings Pulumi's CLI (>= 3.226.1) gives its exit codes, so a pipeline
 * that branches on `pulumi`'s codes can branch on ours the same way: 2 configuration, 3 authentication,
 * 4 resource error. Failures Pulumi has no code for exit 1, told apart by `errorKind` in the report.
 */
export const ERROR_EXIT_CODES = {
  /** The stack's config is invalid or contradictory (a key source given twice, a bad value). */
  config: 2,
  /** Qard refused the API key, or AWS refused a secret's read. */
  auth: 3,
  /** Qard answered an error or an answer the provider cannot interpret (a 5xx after the retries, 404…). */
  resource: 4,
  /** Qard could not be reached at the configured URL: a resource error for Pulumi too. */
  unreachable: 4,
  /** A mandatory policy refused the stack. */
  policy: 1,
  /** Another operation is writing the stack: nothing read now would be a finding. */
  busy: 1,
  /** The state holds provider code the library did not write: nothing was run. */
  state: 1,
  /** Anything else: read the message. */
  unknown: 1,
} as const;

export type DriftErrorKind = keyof typeof ERROR_EXIT_CODES;

// What the provider and the program say, read from the engine's error text (the provider runs in another
// process: only its messages cross). Checked in this order: a refused key is also "a failed read".
const PATTERNS: readonly [DriftErrorKind, RegExp][] = [
  ["config", /has invalid Qard configuration|no Qard API key|sets both qard:|both at once/i],
  ["auth", /refused the API key|QardAuthError|AccessDenied|not authorized to perform|kms:Decrypt/i],
  ["unreachable", /cannot reach Qard|QardNetworkError|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|timed out/i],
  ["resource", /Qard provider "|Qard answered|QardApiError|QardResponseError|QardNotFoundError/i],
];

/** The kind of a failed check, from the error's text (pure: the caller knows busy, state and policy). */
export function errorKindOf(message: string): DriftErrorKind {
  for (const [kind, pattern] of PATTERNS) if (pattern.test(message)) return kind;
  return "unknown";
}
