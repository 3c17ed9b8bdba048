/**
 * Runs the emulator until SIGINT/SIGTERM:
 *   node emulator/main.ts --port 8787 [--host 127.0.0.1] [--state-file path] [--api-key KEY ...] [--sync-delay-ms N]
 *     [--extra-providers providers.json]
 * The extra-providers file holds a JSON array of provider definitions, as the `extraProviders` option takes.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { startEmulator, type EmulatorOptions } from "./server.ts";

const USAGE =
  "Usage: node emulator/main.ts [--port 8787] [--host 127.0.0.1] [--state-file path] " +
  "[--api-key KEY ...] [--sync-delay-ms N] [--extra-providers file.json]";

function integer(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`${flag} must be a non-negative integer.\n${USAGE}`);
  return Number(text);
}

/** The file's JSON as is: startEmulator checks the definitions and says which one is wrong. */
function extraProvidersFrom(path: string): EmulatorOptions["extraProviders"] {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as EmulatorOptions["extraProviders"];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`--extra-providers: cannot read JSON from ${path}: ${reason}\n${USAGE}`, {
      cause: error,
    });
  }
}

/** Command-line flags to emulator options; throws with the usage line on a bad flag. */
export function optionsFromArgs(args: string[]): EmulatorOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "state-file": { type: "string" },
      "api-key": { type: "string", multiple: true },
      "sync-delay-ms": { type: "string" },
      "extra-providers": { type: "string" },
    },
  });
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

async function main(): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = optionsFromArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
    return;
  }
  const emulator = await startEmulator(options);
  console.log(`Qard emulator listening on ${emulator.baseUrl}`);
  const stop = (signal: string) => {
    console.log(`Qard emulator stopping (${signal})`);
    emulator.close().then(
      () => (process.exitCode = 0),
      (error: unknown) => {
        console.error("Qard emulator did not close cleanly:", error);
        process.exitCode = 1;
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

// Only when run as a program, so that tests can import optionsFromArgs.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
