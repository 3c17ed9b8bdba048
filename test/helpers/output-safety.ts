/**
 * What must never reach a terminal or a CI log from outside: control characters (ESC, CR, BEL… but tab
 * and LF), format characters (bidi overrides, zero-width), line separators, and a line that GitHub's
 * runner would read as a workflow command. Written independently of the library's neutraliser, so a test
 * that uses it checks the neutraliser rather than repeating it.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;
const ALLOWED = new Set(["\t", "\n"]);

/** Each unsafe thing found in `text`, described; empty when the text is safe to print. */
export function outputSafetyProblems(text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(FORBIDDEN)) {
    if (!ALLOWED.has(match[0])) {
      problems.push(`U+${match[0].codePointAt(0)?.toString(16).padStart(4, "0")} at ${match.index}`);
    }
  }
  for (const line of text.split("\n")) {
    const start = line.trimStart();
    if (start.startsWith("::") || start.startsWith("##[")) problems.push(`workflow command line: ${line}`);
  }
  return problems;
}
