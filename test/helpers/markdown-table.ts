// How GitHub reads a markdown table row, for specs that check hostile text stays inside its cell.

/** A row's cells as GitHub's table parser splits them: a backslash escapes the next character. */
export function cells(row: string): string[] {
  const found: string[] = [];
  let cell = "";
  for (let i = row.startsWith("|") ? 1 : 0; i < row.length; i++) {
    const c = row[i]!;
    if (c === "\\" && i + 1 < row.length) {
      cell += c + row[++i]!;
    } else if (c === "|") {
      found.push(cell);
      cell = "";
    } else cell += c;
  }
  if (cell.trim() !== "") found.push(cell);
  return found;
}

/** The text a cell shows, if it is exactly one code span (inside code, GitHub interprets nothing). */
export function codeSpanText(cell: string): string | undefined {
  const match = /^ (`+) (.*) \1 $/s.exec(cell);
  if (!match) return undefined;
  const [, fence, body] = match as unknown as [string, string, string];
  // A run of backticks as long as the fence would close the span early.
  const runs = body.match(/`+/g) ?? [];
  if (runs.some((run) => run.length === fence.length)) return undefined;
  return body.replace(/\\\|/g, "|");
}

/** Names and values that would break a table row or turn into markup, mentions or links if not kept literal. */
export const HOSTILE_MARKDOWN = [
  "a|b",
  "x`y``z",
  "`edge`",
  "line\n| injected | row | here |",
  "cr\rreturn",
  "<img src=x onerror=alert(1)>",
  "[click](https://evil.example)",
  "@qard-iac/owners #123",
  "**bold** _it_ ~~gone~~",
  "\u202eevil\u200b",
  "::error::forged",
  "&#x202E;entity",
  "back\\|slash pipe",
  "trailing\\",
];
