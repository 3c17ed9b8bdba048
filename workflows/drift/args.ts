import { parseFlags } from "../../cli/command-line.ts";
import { outputFormat, type OutputFormat } from "../../cli/output-format.ts";

export interface DriftArgs {
  stack: string;
  format: OutputFormat;
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
  const { values, refuse } = parseFlags(
    argv,
    {
      stack: { type: "string" },
      json: { type: "boolean" },
      markdown: { type: "boolean" },
      "report-json": { type: "string" },
      remediate: { type: "boolean" },
      record: { type: "string" },
    },
    DRIFT_USAGE,
  );
  if (!values.stack) throw refuse("--stack is required");
  const format = outputFormat(values, refuse);
  const reportJson = values["report-json"];
  if (values.record && !values.remediate) throw refuse("--record needs --remediate");
  return {
    stack: values.stack,
    format,
    ...(reportJson ? { reportJson } : {}),
    remediate: values.remediate ?? false,
    record: values.record ?? "drift-remediation",
  };
}
