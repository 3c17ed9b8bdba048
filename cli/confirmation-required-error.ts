/**
 * A command that changes the stack was run without a terminal to confirm on and without `--yes`: refused
 * before anything runs, with the exit code the Pulumi CLI gives the same mistake (2, a configuration error).
 */
export const EXIT_CONFIRMATION_REQUIRED = 2;

export class ConfirmationRequiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfirmationRequiredError";
  }
}
