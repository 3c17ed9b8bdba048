import { UsageError } from "../../cli/usage-error.ts";

/**
 * A stack name the backend does not know. Commands select stacks and never create one by accident: a typo
 * such as `--stack prdo` must not leave an empty stack whose `up` would "create" everything again. The
 * caller's mistake, hence a UsageError (exit 64).
 */
export class UnknownStackError extends UsageError {
  readonly stackName: string;
  readonly existing: readonly string[];

  constructor(stackName: string, existing: readonly string[], createHint: string) {
    const known = existing.length > 0 ? existing.join(", ") : "none";
    super(
      `No stack named "${stackName}" in this backend (existing stacks: ${known}). ` +
        `Check the name, or create the stack on purpose: ${createHint}.`,
    );
    this.name = "UnknownStackError";
    this.stackName = stackName;
    this.existing = existing;
  }
}

/** Whether a Pulumi CLI error says the selected stack does not exist. */
export function isNoSuchStackMessage(message: string): boolean {
  return /no stack named ['"][^'"]*['"] found/i.test(message);
}
