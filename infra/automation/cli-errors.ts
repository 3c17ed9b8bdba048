/**
 * The CLI's own `error:` lines out of an Automation API CommandError, whose message also repeats the
 * command, its exit code and the whole output. Trimmed: resource diagnostics indent theirs.
 */
export function cliErrorLines(message: string): string[] {
  return message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("error:"));
}
