/**
 * The official way to run this repo's program: the plain `pulumi` CLI with its Node.js language host
 * (`pulumi-language-nodejs`), run as a child process the way a pipeline runs it. Without the host the CLI
 * cannot run `Pulumi.yaml`'s program, so tests of this path need to know whether it is there.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../infra/automation/project-root.ts";
import { toolEnvironment } from "../../infra/automation/pulumi-command.ts";

export interface CliResult {
  code: number | null;
  /** stdout and stderr as they arrived. */
  output: string;
}

export interface OfficialCli {
  /** Absolute path of the `pulumi` the project uses (.tools/bin first, then PATH). */
  pulumi: string;
  /** Runs `pulumi <args>` in the project folder, with the project's tools first on PATH. */
  run(args: string[], env?: Record<string, string>): Promise<CliResult>;
}

export type OfficialCliLookup = { found: OfficialCli } | { missing: string };

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first directory of PATH holding an executable of that name. */
function onPath(name: string, searchPath: string): string | undefined {
  return searchPath
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
}

/** Runs a command in the project folder and collects what it printed; never rejects on a non-zero exit. */
export function runInProject(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot(), env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * Finds the project's `pulumi` and the Node.js language host it needs (beside it or on PATH, where the
 * CLI looks for it) on `env.PATH`, by default the project's tools folder then the machine's PATH.
 * `missing` names what is absent and where it was looked for.
 */
export function findOfficialCli(
  env: NodeJS.ProcessEnv = { ...process.env, ...toolEnvironment() },
): OfficialCliLookup {
  const searchPath = env.PATH ?? "";
  const pulumi = onPath("pulumi", searchPath);
  if (pulumi === undefined) {
    return { missing: `the pulumi CLI (not in .tools/bin nor on PATH; run \`npm run setup\`)` };
  }
  const beside = path.join(path.dirname(pulumi), "pulumi-language-nodejs");
  const host = isExecutable(beside) ? beside : onPath("pulumi-language-nodejs", searchPath);
  if (host === undefined) {
    return {
      missing:
        `Pulumi's Node.js language host (pulumi-language-nodejs, neither beside ${pulumi} nor on PATH; ` +
        "install the official Pulumi CLI, or run `npm run setup` where ../shared/toolchain exists)",
    };
  }
  return {
    found: {
      pulumi,
      run: (args, extra = {}) => runInProject(pulumi, args, { ...env, ...extra }),
    },
  };
}

/** Where `npm run setup -- --min-cli` builds the oldest Pulumi CLI the project supports (CI does). */
export const OLDEST_CLI_BIN = path.join(projectRoot(), ".tools", "pulumi-min", "bin");

/** The oldest supported CLI version, as setup.sh states it (PULUMI_MIN_VERSION). */
export function oldestSupportedVersion(): string {
  const setup = readFileSync(path.join(projectRoot(), "scripts", "setup.sh"), "utf8");
  const version = /^PULUMI_MIN_VERSION=(\S+)$/m.exec(setup)?.[1];
  if (!version) throw new Error("scripts/setup.sh does not set PULUMI_MIN_VERSION");
  return version;
}

/** The oldest supported CLI with its language host, found like the project's own CLI but first on PATH. */
export function findOldestSupportedCli(): OfficialCliLookup {
  if (!isExecutable(path.join(OLDEST_CLI_BIN, "pulumi"))) {
    return {
      missing: `the oldest supported Pulumi CLI (${OLDEST_CLI_BIN}/pulumi; run \`npm run setup -- --min-cli\`)`,
    };
  }
  const env = { ...process.env, ...toolEnvironment() };
  return findOfficialCli({ ...env, PATH: [OLDEST_CLI_BIN, env.PATH].join(path.delimiter) });
}

/**
 * The official CLI for a spec file, or undefined (with the reason) when it is missing here. In CI
 * (`CI` set) a missing host is an error instead: those tests must run there, not silently skip.
 */
export function officialCliOrSkip(
  lookup: OfficialCliLookup = findOfficialCli(),
  env: NodeJS.ProcessEnv = process.env,
): { cli?: OfficialCli; skipReason: string } {
  if ("found" in lookup) return { cli: lookup.found, skipReason: "" };
  if (env.CI) {
    throw new Error(`The official-CLI tests must run in CI, but this machine lacks ${lookup.missing}.`);
  }
  return { skipReason: `skipped: this machine lacks ${lookup.missing}` };
}
