/**
 * The exit code of every command (stack, drift, promote, verify, import, emulator, bench) when the command
 * line is wrong or names a stack that does not exist: EX_USAGE of sysexits.h, apart from drift's findings
 * (2, 3, 4) and from 1, a run that failed.
 */
export const EXIT_USAGE = 64;

/** A mistake in how a command was called: a flag missing, unknown or malformed. */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UsageError";
  }
}

/**
 * Whether `error` is the caller's mistake (exit EXIT_USAGE) rather than a failed run (exit 1). A command's own
 * kinds of caller's mistake (a stack that does not exist) subclass UsageError, so this floor need not know them.
 */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}
