import { parseArgs, type ParseArgsConfig } from "node:util";
import { choosePolicy, type PolicyChoice } from "../infra/automation/policy-pack.ts";
import { asksForHelp, HelpRequest } from "./help-request.ts";
import { UsageError } from "./usage-error.ts";
import { messageOf } from "@qard-iac/pulumi-qard/internal";

/**
 * node:util's parseArgs (callers pass `strict: true`); its errors become UsageErrors ending with the usage
 * line. `--help`/`-h` throws a HelpRequest (usage on stdout, exit 0) unless the command declares `help`.
 */
export function parseCommandLine<T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> {
  if (config.options?.help === undefined && asksForHelp(config.args ?? [])) throw new HelpRequest(usage);
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(`${parserProblem(error)}\n${usage}`, { cause: error });
  }
}

// Node's advice on positionals that start with "-" ("To specify a positional argument starting with a '-',
// place it at the end of the command after '--'…") fits none of our commands: the usage line follows instead.
function parserProblem(error: unknown): string {
  const message = messageOf(error);
  return message.replace(/\. To specify a positional argument starting with a '-'.*$/s, "");
}

/** A UsageError whose message ends with the command's usage line. */
export function usageError(problem: string, usage: string): UsageError {
  return new UsageError(`${problem}\n${usage}`);
}

/** Takes the policy flags (`--no-policy`, `--policy-config`) off the command line; misusing them is a usage error. */
export function policyFlags(argv: readonly string[]): PolicyChoice {
  try {
    return choosePolicy(argv);
  } catch (error) {
    throw new UsageError(messageOf(error), { cause: error });
  }
}
