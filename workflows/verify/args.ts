/** The command line of `npm run verify`: parsed once, every mistake a UsageError ending with the usage. */
import {
  identifierProblem,
  isProviderName,
  PROVIDER_NAME_HINT,
  quoteRefused,
} from "@qard-iac/pulumi-qard/internal";
import { parseFlags, usageError } from "../../cli/command-line.ts";
import { EXIT_USAGE } from "../../cli/usage-error.ts";

export interface VerifyArgs {
  stackName: string;
  /** The account of the stack's `qard:accounts` to verify (--account); required when it has some. */
  account?: string;
  userId: string;
  providerName: string;
  /** A data connection of the user to reuse (--connection). */
  connectionId?: string;
  timeoutMs: number;
  json: boolean;
}

export type VerifyCommand = { kind: "help" } | { kind: "verify"; args: VerifyArgs };

const DEFAULT_PROVIDER = "shopify";
// Long enough for a person to open the authorization link and log in to the shop.
const DEFAULT_TIMEOUT_SECONDS = 600;

export const VERIFY_USAGE = `Usage: npm run verify -- --stack <name> --user <id> [options]

Tests a provider's integration end to end, as its Qard documentation describes: uses the user's data
connection to the provider (the one its latest sync ran on, or --connection), or creates one and waits
for the user's authorization; runs a sync, counts the commerce data and says what it created.

  --stack <name>           Pulumi stack whose qard:apiUrl and qard:apiKey are used (required)
  --account <name>         the account of the stack's qard:accounts to use (required when it has some)
  --user <id>              Qard user to connect (required)
  --provider <name>        provider to test (default ${DEFAULT_PROVIDER})
  --connection <id>        the user's data connection to reuse (default: found from the latest syncs)
  --timeout-seconds <n>    give up after this long, authorization included (default ${DEFAULT_TIMEOUT_SECONDS})
  --json                   print one JSON summary on stdout (progress goes to stderr)
  -h, --help               show this help

Exit code: 0 when every data type synchronized, 1 otherwise, ${EXIT_USAGE} for a usage error (a bad flag, or a
stack that does not exist).`;

const VERIFY_OPTIONS = {
  stack: { type: "string" },
  account: { type: "string" },
  user: { type: "string" },
  provider: { type: "string" },
  connection: { type: "string" },
  "timeout-seconds": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export function parseVerifyArgs(argv: readonly string[]): VerifyCommand {
  const { values } = parseFlags(argv, VERIFY_OPTIONS, VERIFY_USAGE);
  if (values.help === true) return { kind: "help" };
  return {
    kind: "verify",
    args: {
      stackName: required(values.stack, "--stack"),
      ...(values.account === undefined
        ? {}
        : { account: identifier(values.account, "--account", "an account name") }),
      userId: identifier(required(values.user, "--user"), "--user", "a Qard user id"),
      providerName: providerName(values.provider ?? DEFAULT_PROVIDER),
      ...(values.connection === undefined
        ? {}
        : { connectionId: identifier(values.connection, "--connection", "a data connection id") }),
      timeoutMs: timeoutMs(values["timeout-seconds"]),
      json: values.json === true,
    },
  };
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined) throw usageError(`Missing ${flag}.`, VERIFY_USAGE);
  return nonEmpty(value, flag);
}

function nonEmpty(value: string, flag: string): string {
  if (value.trim() === "") throw usageError(`${flag} must not be empty.`, VERIFY_USAGE);
  return value;
}

// The ids go into API paths (/users/{id}/…): refused here, before the stack is read or anything is sent.
function identifier(value: string, flag: string, what: string): string {
  const problem = identifierProblem(value);
  if (problem !== undefined) {
    throw usageError(`${flag} ${quoteRefused(value)} is not ${what}: it ${problem}.`, VERIFY_USAGE);
  }
  return value;
}

function providerName(value: string): string {
  if (!isProviderName(value)) {
    throw usageError(`--provider ${quoteRefused(value)} is not ${PROVIDER_NAME_HINT}.`, VERIFY_USAGE);
  }
  return value;
}

function timeoutMs(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) {
    throw usageError(`--timeout-seconds must be a positive number of seconds, got "${raw}".`, VERIFY_USAGE);
  }
  return seconds * 1000;
}
