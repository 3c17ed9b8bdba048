/**
 * The one way every repo command (stack, drift, promote, verify, import, emulator, bench) ends: its exit
 * code; `--help` prints the usage and exits 0; an error prints a one-paragraph message on stderr and exits 64
 * (usage), 2 (a change without `--yes` where nobody can confirm it) or 1 (failure), never a stack trace.
 */
import { conciseErrorMessage } from "./concise-error-message.ts";
import { printErr, printOut } from "./command-output.ts";
import { ConfirmationRequiredError, EXIT_CONFIRMATION_REQUIRED } from "./confirmation-required-error.ts";
import { HelpRequest } from "./help-request.ts";
import { EXIT_USAGE, isUsageError } from "./usage-error.ts";

export const EXIT_FAILED = 1;

/** A command: its arguments in, its exit code out; it throws a UsageError for a bad command line. */
export type CommandMain = (argv: string[]) => Promise<number>;

/**
 * Prints the error (through `print`) and returns the exit code: a usage error (a bad flag, a stack that
 * does not exist) in full, since it names the fix and ends with the usage; any other error concisely.
 */
export function reportCommandError(error: unknown, print: (text: string) => void): number {
  if (error instanceof ConfirmationRequiredError) {
    print(`error: ${error.message}`);
    return EXIT_CONFIRMATION_REQUIRED;
  }
  if (isUsageError(error)) {
    print(`error: ${error.message}`);
    return EXIT_USAGE;
  }
  print(`error: ${conciseErrorMessage(error)}`);
  return EXIT_FAILED;
}

/** Runs `main` on the process's arguments and sets the process's exit code; call as `if (import.meta.main)`. */
export function runCommand(main: CommandMain): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof HelpRequest) {
        printOut(error.usage);
        process.exitCode = 0;
        return;
      }
      process.exitCode = reportCommandError(error, printErr);
    },
  );
}
