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
