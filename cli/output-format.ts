/** How a command prints its report: text for a person, JSON for a program, Markdown for a pull request. */
export type OutputFormat = "text" | "json" | "markdown";

/** The format `--json` or `--markdown` asks for (text by default); both at once is a usage error. */
export function outputFormat(
  flags: { json?: boolean | undefined; markdown?: boolean | undefined },
  refuse: (problem: string) => Error,
): OutputFormat {
  if (flags.json && flags.markdown) throw refuse("--json and --markdown exclude each other");
  return flags.json ? "json" : flags.markdown ? "markdown" : "text";
}
