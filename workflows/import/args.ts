import { identifierProblem, quoteRefused } from "@qard-iac/pulumi-qard/internal";
import { parseFlags } from "../../cli/command-line.ts";
import {
  DEFAULT_ACCOUNT_SECRET_ID_PATTERN,
  DEFAULT_SECRET_ID_PATTERN,
  secretIdPatternProblem,
} from "./secret-id-pattern.ts";

export interface ImportArgs {
  stack: string;
  /** Import into this account of `qard:accounts` (its URL and key; `qard:accounts.<account>.providers`). */
  account?: string;
  secretIdPattern: string;
  withoutCredentials: boolean;
  all: boolean;
  merge: boolean;
  dryRun: boolean;
  json: boolean;
}

export const IMPORT_USAGE =
  "Usage: npm run import -- --stack <name> [--account <name>] [--secret-id-pattern 'qard/{stack}/{provider}' | --without-credentials] [--all] [--merge] [--dry-run] [--json]";

/** Parses the command line; throws a UsageError whose message ends with the usage line. */
export function parseImportArgs(argv: string[]): ImportArgs {
  const { values, refuse } = parseFlags(
    argv,
    {
      stack: { type: "string" },
      account: { type: "string" },
      "secret-id-pattern": { type: "string" },
      "without-credentials": { type: "boolean" },
      all: { type: "boolean" },
      merge: { type: "boolean" },
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
    },
    IMPORT_USAGE,
  );
  if (!values.stack) throw refuse("--stack is required");
  const pattern = values["secret-id-pattern"];
  if (pattern !== undefined && values["without-credentials"]) {
    throw refuse("--secret-id-pattern and --without-credentials exclude each other");
  }
  const account = values.account;
  if (account !== undefined) {
    const accountProblem = identifierProblem(account);
    if (accountProblem) {
      throw refuse(`--account ${quoteRefused(account)} is not an account name: it ${accountProblem}`);
    }
  }
  const chosen =
    pattern ?? (account === undefined ? DEFAULT_SECRET_ID_PATTERN : DEFAULT_ACCOUNT_SECRET_ID_PATTERN);
  const problem = secretIdPatternProblem(chosen, account !== undefined);
  if (problem) throw refuse(problem);
  return {
    stack: values.stack,
    ...(account === undefined ? {} : { account }),
    secretIdPattern: chosen,
    withoutCredentials: values["without-credentials"] ?? false,
    all: values.all ?? false,
    merge: values.merge ?? false,
    dryRun: values["dry-run"] ?? false,
    json: values.json ?? false,
  };
}
