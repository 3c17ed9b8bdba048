/**
 * The plain `pulumi` CLI as a pipeline runs it, for tests that must not go through the Automation API.
 *
 *   it("…", async (ctx) => {
 *     const cli = officialCliOrSkip(ctx);              // skipped here without a language host, failed in CI
 *     const result = await runPulumi(cli, ["up", "--yes"], { cwd, env });
 *   });
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../infra/project-root.ts";
import { toolsBinDir } from "../../workflows/stacks/pulumi-command.ts";
import { runCommand } from "./run-script.ts";

export interface OfficialCli {
  /** The `pulumi` executable. */
  pulumi: string;
  /** Folders to put first on PATH: the CLI's own (language host, dynamic-provider launcher, node). */
  pathDirs: string[];
}

export type OfficialCliLookup = { found: OfficialCli } | { missing: string };

const LANGUAGE_HOST = "pulumi-language-nodejs";

function onPath(name: string, searchPath: string): string | undefined {
  return searchPath
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find((candidate) => existsSync(candidate));
}

/**
 * The CLI `npm run setup` put in .tools/bin, else a `pulumi` on PATH; the Node.js language host beside it
 * or on PATH. Without the host the CLI cannot run a Node.js program at all.
 */
export function findOfficialCli(
  env: NodeJS.ProcessEnv = process.env,
  toolsBin: string = toolsBinDir(),
): OfficialCliLookup {
  const searchPath = env.PATH ?? "";
  const toolsPulumi = path.join(toolsBin, "pulumi");
  const pulumi = existsSync(toolsPulumi) ? toolsPulumi : onPath("pulumi", searchPath);
  if (pulumi === undefined) {
    return { missing: `the Pulumi CLI (no ${toolsPulumi} and no \`pulumi\` on PATH; run npm run setup)` };
  }
  // The CLI looks for its plugins beside its real path (.tools may be a symlink): use the same folder.
  const cliDir = path.dirname(realpathSync(pulumi));
  const host = existsSync(path.join(cliDir, LANGUAGE_HOST))
    ? path.join(cliDir, LANGUAGE_HOST)
    : onPath(LANGUAGE_HOST, searchPath);
  if (host === undefined) {
    return {
      missing:
        `Pulumi's Node.js language host (${LANGUAGE_HOST} neither beside ${pulumi} nor on PATH; ` +
        `npm run setup links it from ../shared/toolchain where that folder exists)`,
    };
  }
  return { found: { pulumi, pathDirs: [...new Set([cliDir, path.dirname(host)])] } };
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

/** The oldest supported CLI and its language host, or what is missing. */
export function findOldestSupportedCli(env: NodeJS.ProcessEnv = process.env): OfficialCliLookup {
  if (!existsSync(path.join(OLDEST_CLI_BIN, "pulumi"))) {
    return {
      missing: `the oldest supported Pulumi CLI (${OLDEST_CLI_BIN}/pulumi; run \`npm run setup -- --min-cli\`)`,
    };
  }
  return findOfficialCli(env, OLDEST_CLI_BIN);
}

/**
 * For a whole suite: the CLI of a lookup, or the reason its tests are skipped here. With `CI` set a missing
 * CLI or host is an error instead, because CI must run these tests.
 */
export function cliOrSkipReason(
  lookup: OfficialCliLookup,
  env: NodeJS.ProcessEnv = process.env,
): { cli?: OfficialCli; skipReason: string } {
  if ("found" in lookup) return { cli: lookup.found, skipReason: "" };
  if (env.CI) throw new Error(`CI must run the official-CLI tests, but this machine lacks ${lookup.missing}`);
  return { skipReason: `(skipped: needs ${lookup.missing})` };
}

/** The part of vitest's test context this needs. */
export interface SkippableContext {
  skip(note?: string): void;
}

/**
 * The CLI, or the test is skipped with a note naming what is missing; with `CI` set a missing CLI or host
 * fails the test instead, because CI must run these tests.
 */
export function officialCliOrSkip(
  ctx: SkippableContext,
  env: NodeJS.ProcessEnv = process.env,
  toolsBin: string = toolsBinDir(),
): OfficialCli {
  const { cli, skipReason } = cliOrSkipReason(findOfficialCli(env, toolsBin), env);
  if (cli) return cli;
  ctx.skip(skipReason);
  throw new Error(skipReason); // not reached: skip() throws
}

export interface PulumiResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunPulumiOptions {
  cwd: string;
  /** The environment to start from; default this process's. */
  baseEnv?: NodeJS.ProcessEnv;
  /** Added on top (backend, passphrase…); wins over the base and the CLI's settings. */
  env?: Record<string, string>;
}

/** The CLI's own folders first on PATH, no update check, no plugin downloads (nothing can be fetched here). */
export function cliEnvironment(cli: OfficialCli, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    PATH: [...new Set([...cli.pathDirs, ...(base.PATH ?? "").split(path.delimiter)])]
      .filter(Boolean)
      .join(path.delimiter),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}

/** Runs one `pulumi` command to its end; never throws on a non-zero exit. */
export function runPulumi(
  cli: OfficialCli,
  args: string[],
  options: RunPulumiOptions,
): Promise<PulumiResult> {
  return runCommand(cli.pulumi, args, {
    cwd: options.cwd,
    env: { ...cliEnvironment(cli, options.baseEnv), ...options.env },
  });
}
