import { UsageError } from "../../cli/usage-error.ts";
import { choosePolicy, type PolicyChoice } from "./policy-pack.ts";
import { messageOf } from "@qard-iac/pulumi-qard/internal";

/** Takes the policy flags (`--no-policy`, `--policy-config`) off the command line; misusing them is a usage error. */
export function policyFlags(argv: readonly string[]): PolicyChoice {
  try {
    return choosePolicy(argv);
  } catch (error) {
    throw new UsageError(messageOf(error), { cause: error });
  }
}
