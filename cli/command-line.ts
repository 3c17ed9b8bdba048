import { parseArgs, type ParseArgsConfig, type ParseArgsOptionsConfig } from "node:util";
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

type FlagValues<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>["values"];

/** A command line of flags only, parsed, and a shorthand for usageError with the command's usage line. */
export interface ParsedFlags<O extends ParseArgsOptionsConfig> {
  values: FlagValues<O>;
  /** A UsageError for `problem` that ends with the command's usage line: `throw refuse("--stack is required")`. */
  refuse: (problem: string) => UsageError;
}

/**
 * The shape every command's parser shares: flags only (a positional is a usage error), unknown flags
 * refused, `--help` answered; the usage line bound once so each check names only its problem.
 */
export function parseFlags<const O extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: O,
  usage: string,
): ParsedFlags<O> {
  const { values } = parseCommandLine(
    { args: [...argv], options, strict: true, allowPositionals: false },
    usage,
  );
  return { values, refuse: (problem) => usageError(problem, usage) };
}
