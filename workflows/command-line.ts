import { parseArgs, type ParseArgsConfig } from "node:util";

/** node:util's parseArgs (callers pass `strict: true`), its errors ending with the command's usage line. */
export function parseCommandLine<T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${usage}`, { cause: error });
  }
}
