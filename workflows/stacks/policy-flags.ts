import { UsageError } from "../../cli/usage-error.ts";
import { choosePolicy, type PolicyChoice } from "./policy-pack.ts";

/** Takes the policy flags (`--no-policy`, `--policy-config`) off the command line; misusing them is a usage error. */
export function policyFlags(argv: readonly string[]): PolicyChoice {
  try {
    return choosePolicy(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
