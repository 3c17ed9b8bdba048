import { parseStackConfig, StackConfigError, type RawStackConfig } from "../../infra/stack-config.ts";

/** The problems parseStackConfig names for a stack's raw config ([] when it accepts it); any other error is thrown. */
export function stackConfigProblems(raw: RawStackConfig): string[] {
  try {
    parseStackConfig("dev", raw);
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
  return [];
}
