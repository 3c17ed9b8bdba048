/**
 * Preloaded into every Node process of a CLI run (`NODE_OPTIONS=--import <this file>`), it records which
 * copy of the library's runtime entry point each process resolved, with the version in that copy's
 * package.json at that moment. It observes module resolution only; it changes nothing that runs.
 *
 * The record is one JSON line per resolution in the file named by QARD_IAC_LOAD_TRACE.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { registerHooks } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface RuntimeLoad {
  pid: number;
  /** The script the process runs, e.g. …/@pulumi/pulumi/cmd/dynamic-provider/index.js. */
  script: string;
  /** The file the runtime entry point resolved to. */
  file: string;
  /** `version` of the package.json of the package that file belongs to. */
  version: string;
}

const RUNTIME_FILE =
  /[\\/]node_modules[\\/]@qard-iac[\\/]pulumi-qard[\\/]dist[\\/]resource[\\/]runtime-v1\.js$/;

const traceFile = process.env.QARD_IAC_LOAD_TRACE;

function record(url: string): void {
  if (traceFile === undefined || !url.startsWith("file:")) return;
  const file = fileURLToPath(url);
  if (!RUNTIME_FILE.test(file)) return;
  const manifest = path.join(path.dirname(file), "..", "..", "package.json");
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  const load: RuntimeLoad = { pid: process.pid, script: process.argv[1] ?? "", file, version };
  appendFileSync(traceFile, `${JSON.stringify(load)}\n`);
}

if (traceFile !== undefined) {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      record(resolved.url);
      return resolved;
    },
  });
}

/** The loads recorded in `file` (none when no process resolved the runtime). */
export function readRuntimeLoads(file: string): RuntimeLoad[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as RuntimeLoad);
}

/** NODE_OPTIONS that preload this tracer, recording into `file`. */
export function runtimeLoadTraceEnv(file: string): Record<string, string> {
  return { NODE_OPTIONS: `--import=${import.meta.url}`, QARD_IAC_LOAD_TRACE: file };
}
