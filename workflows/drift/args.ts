import { parseCommandLine, usageError } from "../command-line.ts";

export interface DriftArgs {
  stack: string;
  format: "text" | "json" | "markdown";
  /** Repair the drift the stack allows (qard:driftRemediation). */
  remediate: boolean;
  /** With remediate: write the record to <record>.json and <record>.md. */
  record?: string;
}

const DRIFT_USAGE =
  "Usage: npm run drift -- --stack <name> [--json | --markdown] [--remediate [--record <path>]] [--no-policy | --policy-config <file>]";

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
        remediate: { type: "boolean" },
        record: { type: "string" },
      },
    },
    DRIFT_USAGE,
  );
  if (!values.stack) throw usageError("--stack is required", DRIFT_USAGE);
  if (values.json && values.markdown)
    throw usageError("--json and --markdown exclude each other", DRIFT_USAGE);
  if (values.record !== undefined && !values.remediate)
    throw usageError("--record goes with --remediate", DRIFT_USAGE);
  return {
    stack: values.stack,
    format: values.json ? "json" : values.markdown ? "markdown" : "text",
    remediate: values.remediate ?? false,
    ...(values.record === undefined ? {} : { record: values.record }),
  };
}
