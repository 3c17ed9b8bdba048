// A command that fails because a command it ran failed (the Pulumi CLI under the Automation API, most of all)
// gets an error whose message repeats that command, its exit code and its whole output (already streamed to
// the user when it matters); only its `error:` lines, the convention CLIs share (ours included), say what
// went wrong. The Automation API's CommandError holds them twice (in stderr and in the error), hence the
// deduplication. A rule on text, not on Pulumi's types: every command's error, the emulator's too, goes
// through it, so it lives in the command floor.
import { messageOf } from "@qard-iac/pulumi-qard/internal";

const ERROR_PREFIX = "error:";
const MAX_ERROR_LINES = 10;
// Any other error: its first lines are the message, what follows is detail (or a stack trace).
const MAX_MESSAGE_LINES = 5;

/**
 * What a person needs from a failed command: the `error:` lines of what it ran when there are any (without
 * that prefix, trimmed since resource diagnostics indent theirs), else the first lines of the message. An
 * error line that ends with a colon introduces the more indented lines after it (a config error's list
 * of problems, each naming its fix): they are kept with it.
 */
export function conciseErrorMessage(error: unknown): string {
  const message = messageOf(error);
  const lines = message.split("\n");
  const errors: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.trim();
    if (!text.startsWith(ERROR_PREFIX)) continue;
    const entry = [text.slice(ERROR_PREFIX.length).trim()];
    if (text.endsWith(":")) {
      const indent = indentOf(line);
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== "" && indentOf(lines[i + 1]!) > indent) {
        entry.push(`  ${lines[++i]!.trim()}`);
      }
    }
    errors.push(entry.join("\n"));
  }
  const kept =
    errors.length > 0 ? [...new Set(errors)].slice(0, MAX_ERROR_LINES) : lines.slice(0, MAX_MESSAGE_LINES);
  return kept.join("\n").trim();
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
