// An Automation API CommandError repeats the command, its exit code and the CLI's whole output (already
// streamed to the user when it matters); only the CLI's own `error:` lines say what went wrong. Its message
// holds them twice (once in stderr, once in the error), hence the deduplication.
const ERROR_PREFIX = "error:";
const MAX_ERROR_LINES = 10;
// Any other error: its first lines are the message, what follows is detail (or a stack trace).
const MAX_MESSAGE_LINES = 5;

/**
 * What a person needs from a failed command: the Pulumi CLI's `error:` lines when there are any (without
 * that prefix, trimmed since resource diagnostics indent theirs), else the first lines of the message.
 */
export function conciseErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n");
  const errorLines = lines
    .map((line) => line.trim())
    .filter((line) => line.startsWith(ERROR_PREFIX))
    .map((line) => line.slice(ERROR_PREFIX.length).trim());
  const kept =
    errorLines.length > 0
      ? [...new Set(errorLines)].slice(0, MAX_ERROR_LINES)
      : lines.slice(0, MAX_MESSAGE_LINES);
  return kept.join("\n").trim();
}
