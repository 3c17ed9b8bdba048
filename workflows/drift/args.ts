import { parseCommandLine, usageError } from "../../cli/command-line.ts";

export interface DriftArgs {
  stack: string;
  format: "text" | "json" | "markdown";
  /** Also write the JSON report to this file (a workflow keeps it as an artifact). */
  reportJson?: string;
  /** Repair what qard:driftRemediation allows, then check again; the record goes to <prefix>.json/.md. */
  remediate: boolean;
  record: string;
}

const DRIFT_USAGE =
  "Usage: npm run drift -- --stack <name> [--json | --markdown] [--report-json <file>] [--remediate [--record <prefix>]] [--no-policy | --policy-config <file>]";

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
        remediate: { type: "boolean" },
        record: { type: "string" },
      },
    },
    DRIFT_USAGE,
  );
  if (!values.stack) throw usageError("--stack is required", DRIFT_USAGE);
  if (values.json && values.markdown)
    throw usageError("--json and --markdown exclude each other", DRIFT_USAGE);
  const format = values.json ? "json" : values.markdown ? "markdown" : "text";
  const reportJson = values["report-json"];
  if (values.record && !values.remediate) throw usageError("--record needs --remediate", DRIFT_USAGE);
  return {
    stack: values.stack,
    format,
    ...(reportJson ? { reportJson } : {}),
    remediate: values.remediate ?? false,
    record: values.record ?? "drift-remediation",
  };
}
