/** The command line of `npm run verify`: parsed once, every mistake reported as a UsageError. */
import { parseArgs, type ParseArgsConfig } from "node:util";

export interface VerifyArgs {
  stackName: string;
  userId: string;
  providerName: string;
  timeoutMs: number;
  json: boolean;
}

export type VerifyCommand = { kind: "help" } | { kind: "verify"; args: VerifyArgs };

export const DEFAULT_PROVIDER = "shopify";
// Long enough for a person to open the authorization link and log in to the shop.
export const DEFAULT_TIMEOUT_SECONDS = 600;

export const VERIFY_USAGE = `Usage: npm run verify -- --stack <name> --user <id> [options]

Tests a provider's integration end to end, as its Qard documentation describes: creates a data
connection for the user, waits for the user's authorization, runs a sync and counts the commerce data.

  --stack <name>           Pulumi stack whose qard:apiUrl and qard:apiKey are used (required)
  --user <id>              Qard user to connect (required)
  --provider <name>        provider to test (default ${DEFAULT_PROVIDER})
  --timeout-seconds <n>    give up after this long, authorization included (default ${DEFAULT_TIMEOUT_SECONDS})
  --json                   print one JSON summary on stdout (progress goes to stderr)
  -h, --help               show this help

Exit code: 0 when every data type synchronized, 1 otherwise, 2 for a usage error.`;

/** The options `parseArgs` accepts; exported so that callers (CI checks) can tell a valid flag. */
export const VERIFY_OPTIONS = {
  stack: { type: "string" },
  user: { type: "string" },
  provider: { type: "string" },
  "timeout-seconds": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function parseVerifyArgs(argv: readonly string[]): VerifyCommand {
  const values = parseFlags(argv);
  if (values.help === true) return { kind: "help" };
  return {
    kind: "verify",
    args: {
      stackName: required(values.stack, "--stack"),
      userId: required(values.user, "--user"),
      providerName: nonEmpty(values.provider ?? DEFAULT_PROVIDER, "--provider"),
      timeoutMs: timeoutMs(values["timeout-seconds"]),
      json: values.json === true,
    },
  };
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: VERIFY_OPTIONS, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    // node:util words these well ("Unknown option '--usr'"); only the error type changes.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`Missing ${flag}.`);
  return nonEmpty(value, flag);
}

function nonEmpty(value: string, flag: string): string {
  if (value.trim() === "") throw new UsageError(`${flag} must not be empty.`);
  return value;
}

function timeoutMs(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--timeout-seconds must be a positive number of seconds, got "${raw}".`);
  }
  return seconds * 1000;
}
