/**
 * The one place the commands (stack, drift, promote, verify, import) write text. What they print holds
 * strings from outside: provider names from a stack file or from Qard's list, Qard's error messages,
 * Secrets Manager errors, and the engine's output, which repeats the provider's errors. Each is
 * neutralised here, once (the library's neutralizeOutput): no terminal control, no bidi trick, and no
 * line that a GitHub runner would take for a workflow command.
 */
import { neutralizeOutput } from "@qard-iac/pulumi-qard/rules";

/** Writes text and a line break to stdout, neutralised. */
export function printOut(text: string): void {
  process.stdout.write(`${neutralizeOutput(text)}\n`);
}

/** Writes text and a line break to stderr, neutralised. */
export function printErr(text: string): void {
  process.stderr.write(`${neutralizeOutput(text)}\n`);
}

export interface StreamedOutput {
  /** Takes a chunk as the CLI printed it; writes every line it completes. */
  write(chunk: string): void;
  /** Writes what is left of an unfinished last line; call when the stream ends. */
  flush(): void;
}

/**
 * The engine's output arrives in chunks that may end inside a line, and a workflow command is recognised
 * by where its line starts: lines are therefore neutralised whole, as each one is completed.
 */
export function streamedOutput(write: (text: string) => void): StreamedOutput {
  let pending = "";
  return {
    write(chunk) {
      const text = pending + chunk;
      const end = text.lastIndexOf("\n");
      if (end < 0) {
        pending = text;
        return;
      }
      pending = text.slice(end + 1);
      write(neutralizeOutput(text.slice(0, end + 1)));
    },
    flush() {
      if (pending === "") return;
      write(neutralizeOutput(pending));
      pending = "";
    },
  };
}

/** The engine's output to stdout, or to stderr where stdout carries a document (promote --markdown). */
export function streamTo(stream: NodeJS.WriteStream): StreamedOutput {
  return streamedOutput((text) => stream.write(text));
}
