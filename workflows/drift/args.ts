import { parseCommandLine, usageError } from "../command-line.ts";

export interface DriftArgs {
  stack: string;
  format: "text" | "json" | "markdown";
}

const DRIFT_USAGE =
  "Usage: npm run drift -- --stack <name> [--json | --markdown] [--no-policy | --policy-config <file>]";

/** Parses the command line; throws a UsageError whose message ends with the usage line. */
export function parseDriftArgs(argv: string[]): DriftArgs {
  const { values } = parseCommandLine(
    {
      args: argv,
      strict: true,
      options: { stack: { type: "string" }, json: { type: "boolean" }, markdown: { type: "boolean" } },
    },
    DRIFT_USAGE,
  );
  if (!values.stack) throw usageError("--stack is required", DRIFT_USAGE);
  if (values.json && values.markdown)
    throw usageError("--json and --markdown exclude each other", DRIFT_USAGE);
  return { stack: values.stack, format: values.json ? "json" : values.markdown ? "markdown" : "text" };
}
