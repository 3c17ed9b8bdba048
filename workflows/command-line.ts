import { parseArgs, type ParseArgsConfig } from "node:util";
import { choosePolicy, type PolicyChoice } from "../infra/automation/policy-pack.ts";
import { UsageError } from "./usage-error.ts";

/** node:util's parseArgs (callers pass `strict: true`); its errors become UsageErrors ending with the usage line. */
export function parseCommandLine<T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${usage}`, {
      cause: error,
    });
  }
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
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
