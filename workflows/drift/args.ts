import { parseCommandLine, usageError } from "../command-line.ts";

export interface DriftArgs {
  stack: string;
  format: "text" | "json" | "markdown";
  /** Also write the JSON report to this file (a workflow keeps it as an artifact). */
  reportJson?: string;
}

const DRIFT_USAGE =
  "Usage: npm run drift -- --stack <name> [--json | --markdown] [--report-json <file>] [--no-policy | --policy-config <file>]";

/** Parses the command line; throws a UsageError whose message ends with the usage line. */
export function parseDriftArgs(argv: string[]): DriftArgs {
  const { values } = parseCommandLine(
    {
      args: argv,
      strict: true,
      options: {
        stack: { type: "string" },
        json: { type: "boolean" },
        markdown: { type: "boolean" },
        "report-json": { type: "string" },
      },
    },
    DRIFT_USAGE,
  );
  if (!values.stack) throw usageError("--stack is required", DRIFT_USAGE);
  if (values.json && values.markdown)
    throw usageError("--json and --markdown exclude each other", DRIFT_USAGE);
  const format = values.json ? "json" : values.markdown ? "markdown" : "text";
  const reportJson = values["report-json"];
  return { stack: values.stack, format, ...(reportJson ? { reportJson } : {}) };
}
