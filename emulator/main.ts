/**
 * Runs the emulator until SIGINT/SIGTERM:
 *   npm run emulator -- --port 8787 [--host 127.0.0.1] [--state-file path] [--api-key KEY ...] [--sync-delay-ms N]
 *     [--extra-providers providers.json]
 * The extra-providers file holds a JSON array of provider definitions, as the `extraProviders` option takes.
 */
import { readFileSync } from "node:fs";
import { parseFlags, usageError } from "../cli/command-line.ts";
import { runCommand } from "../cli/run-command.ts";
import { startEmulator, type EmulatorOptions } from "./server.ts";
import { messageOf } from "@qard-iac/pulumi-qard/internal";

const USAGE =
  "Usage: npm run emulator -- [--port 8787] [--host 127.0.0.1] [--state-file path] " +
  "[--api-key KEY ...] [--sync-delay-ms N] [--extra-providers file.json]";

function integer(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw usageError(`${flag} must be a non-negative integer.`, USAGE);
  return Number(text);
}

/** The file's JSON as is: startEmulator checks the definitions and says which one is wrong. */
function extraProvidersFrom(path: string): EmulatorOptions["extraProviders"] {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as EmulatorOptions["extraProviders"];
  } catch (error) {
    const reason = messageOf(error);
    throw usageError(`--extra-providers: cannot read JSON from ${path}: ${reason}`, USAGE);
  }
}

/** Command-line flags to emulator options; throws a UsageError ending with the usage line on a bad flag. */
export function optionsFromArgs(args: string[]): EmulatorOptions {
  const { values } = parseFlags(
    args,
    {
      port: { type: "string" },
      host: { type: "string" },
      "state-file": { type: "string" },
      "api-key": { type: "string", multiple: true },
      "sync-delay-ms": { type: "string" },
      "extra-providers": { type: "string" },
    },
    USAGE,
  );
  const options: EmulatorOptions = {};
  const port = integer("--port", values.port);
  const syncDelayMs = integer("--sync-delay-ms", values["sync-delay-ms"]);
  if (port !== undefined) options.port = port;
  if (syncDelayMs !== undefined) options.syncDelayMs = syncDelayMs;
  if (values.host !== undefined) options.host = values.host;
  if (values["state-file"] !== undefined) options.stateFile = values["state-file"];
  if (values["api-key"] !== undefined) options.apiKeys = values["api-key"];
  if (values["extra-providers"] !== undefined) {
    options.extraProviders = extraProvidersFrom(values["extra-providers"]);
  }
  return options;
}

/** Serves until SIGINT or SIGTERM; resolves with the exit code once the server has closed. */
async function main(argv: string[]): Promise<number> {
  const emulator = await startEmulator(optionsFromArgs(argv));
  console.log(`Qard emulator listening on ${emulator.baseUrl}`);
  const signal = await new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  console.log(`Qard emulator stopping (${signal})`);
  await emulator.close();
  return 0;
}

// Only when run as a program, so that tests can import optionsFromArgs.
if (import.meta.main) runCommand(main);
