// Names and messages that come from outside (a provider name in config or in Qard's list, a message in a
// Qard answer, a Secrets Manager error) end up in terminals and CI logs. Raw, they can drive the terminal
// (ESC sequences, OSC 8 links, CR overwriting a line, BEL), hide or reorder text (bidi overrides,
// zero-width characters), or, at the start of a line in a GitHub Actions log, become a workflow command
// (`::error::`, `::add-mask::`, `::stop-commands::`, the older `##[error]`).

// Controls (C0 but tab and LF, DEL, C1), format characters (bidi, zero-width, BOM), line and paragraph
// separators, and lone surrogates.
const UNPRINTABLE = /(?![\t\n])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
// The runner trims leading whitespace before it looks for a command; only LF is left as a line break here.
const COMMAND_LINE_START = /^([^\S\n]*)(?=::|##\[)/gm;

/**
 * Text made safe to print: every unprintable character becomes its `\uXXXX` escape (visible, and a valid
 * JSON escape, so JSON output stays JSON with the same value), and a line that would start with a workflow
 * command gets a `\` in front. Tab and LF are kept. Idempotent, so a layer that applies it again changes
 * nothing. Apply it once, where output is written.
 */
export function neutralizeOutput(text: string): string {
  return text.replace(UNPRINTABLE, escapeUnits).replace(COMMAND_LINE_START, "$1\\");
}

function escapeUnits(character: string): string {
  let escaped = "";
  for (let i = 0; i < character.length; i++) {
    escaped += `\\u${character.charCodeAt(i).toString(16).padStart(4, "0")}`;
  }
  return escaped;
}
