import { parseCommandLine, usageError } from "../command-line.ts";
import { DEFAULT_SECRET_ID_PATTERN, secretIdPatternProblem } from "./secret-id-pattern.ts";

export interface ImportArgs {
  stack: string;
  secretIdPattern: string;
  withoutCredentials: boolean;
  all: boolean;
  merge: boolean;
  dryRun: boolean;
  json: boolean;
}

export const IMPORT_USAGE =
  "Usage: npm run import -- --stack <name> [--secret-id-pattern 'qard/{stack}/{provider}' | --without-credentials] [--all] [--merge] [--dry-run] [--json]";

/** Parses the command line; throws a UsageError whose message ends with the usage line. */
export function parseImportArgs(argv: string[]): ImportArgs {
  const { values } = parseCommandLine(
    {
      args: argv,
      strict: true,
      options: {
        stack: { type: "string" },
        "secret-id-pattern": { type: "string" },
        "without-credentials": { type: "boolean" },
        all: { type: "boolean" },
        merge: { type: "boolean" },
        "dry-run": { type: "boolean" },
        json: { type: "boolean" },
      },
    },
    IMPORT_USAGE,
  );
  if (!values.stack) throw usageError("--stack is required", IMPORT_USAGE);
  const pattern = values["secret-id-pattern"];
  if (pattern !== undefined && values["without-credentials"]) {
    throw usageError("--secret-id-pattern and --without-credentials exclude each other", IMPORT_USAGE);
  }
  const problem = secretIdPatternProblem(pattern ?? DEFAULT_SECRET_ID_PATTERN);
  if (problem) throw usageError(problem, IMPORT_USAGE);
  return {
    stack: values.stack,
    secretIdPattern: pattern ?? DEFAULT_SECRET_ID_PATTERN,
    withoutCredentials: values["without-credentials"] ?? false,
    all: values.all ?? false,
    merge: values.merge ?? false,
    dryRun: values["dry-run"] ?? false,
    json: values.json ?? false,
  };
}
