/**
 * Runs a workflow of the repository under nektos/act on this machine (the self-hosted platform: steps run
 * as processes, no containers), the way GitHub would for one event, and reads each job's result from act's
 * JSON log. The workflows' third-party actions run from local folders (test/pipelines/third-party-actions.tsv).
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../infra/project-root.ts";
import { toolsBinDir } from "../../workflows/stacks/pulumi-command.ts";
import { freePort } from "../helpers/free-port.ts";
import { runCommand } from "../helpers/run-script.ts";

export type JobResult = "success" | "failure" | "skipped";

export interface ActRun {
  code: number | null;
  /** Job id → result; a job act never started (its `if` was false) is "skipped". */
  jobs: Record<string, JobResult>;
  /** Every step's output, prefixed by its job id. */
  log: string;
  /** The output of one job's steps. */
  jobLog(jobId: string): string;
}

export interface ActRunner {
  /** The folder act keeps its workspaces, tool cache and artifacts in. */
  home: string;
  run(options: {
    repoDir: string;
    workflow: string;
    event: string;
    payload: Record<string, unknown>;
    job?: string;
    env?: Record<string, string>;
    secrets?: Record<string, string>;
    vars?: Record<string, string>;
  }): Promise<ActRun>;
}

/** What the workflow runs need that `npm run setup` installs (act, the actions' code) or the machine has (jq). */
export function missingPipelineTools(): string[] {
  const missing: string[] = [];
  if (!existsSync(path.join(toolsBinDir(), "act"))) missing.push("act");
  const actions = localActions().map((mapping) => mapping.slice(mapping.indexOf("=") + 1));
  if (actions.some((folder) => !existsSync(path.join(folder, "action.yml"))))
    missing.push("the workflows' actions (.tools/actions)");
  const onPath = (tool: string) =>
    (process.env.PATH ?? "").split(path.delimiter).some((dir) => existsSync(path.join(dir, tool)));
  if (!onPath("jq")) missing.push("jq");
  return missing;
}

function standInsDir(): string {
  return path.join(projectRoot(), "test", "pipelines", "stand-ins");
}

/** `--local-repository` for each pinned action: its own code from the Go module proxy, or its stand-in. */
export function localActions(): string[] {
  const table = readFileSync(path.join(projectRoot(), "test/pipelines/third-party-actions.tsv"), "utf8");
  return table
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => line.split("\t"))
    .map(([uses, source]) => {
      const repo = uses!.slice(0, uses!.indexOf("@"));
      const folder =
        source === "go-proxy"
          ? path.join(projectRoot(), ".tools", "actions", uses!)
          : path.join(standInsDir(), repo.replace("/", "-"));
      return `${uses}=${folder}`;
    });
}

/** The tool cache a hosted runner has: Node.js and the Pulumi CLI preinstalled, so nothing is downloaded. */
function fillToolCache(toolCache: string): void {
  const bin = toolsBinDir();
  const nodeHome = path.dirname(path.dirname(realpathSync(path.join(bin, "node"))));
  const nodeVersion = path.basename(nodeHome).replace(/^node-v/, "");
  const nodeDir = path.join(toolCache, "node", nodeVersion);
  mkdirSync(nodeDir, { recursive: true });
  linkOnce(nodeHome, path.join(nodeDir, "x64"));
  writeFileSync(path.join(nodeDir, "x64.complete"), "");
  const pulumiDir = path.join(toolCache, "pulumi", "3.276.0", "x64");
  mkdirSync(pulumiDir, { recursive: true });
  for (const tool of ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]) {
    linkOnce(path.join(bin, tool), path.join(pulumiDir, tool));
  }
}

function linkOnce(target: string, link: string): void {
  if (!existsSync(link)) symlinkSync(realpathSync(target), link);
}

export function createActRunner(home: string): ActRunner {
  const toolCache = path.join(home, "tool_cache");
  fillToolCache(toolCache);
  return {
    home,
    run: async (options) => {
      const eventFile = path.join(home, `event-${Date.now()}.json`);
      writeFileSync(eventFile, JSON.stringify(options.payload));
      const artifactPort = await freePort();
      const args = [
        options.event,
        "--workflows",
        options.workflow,
        "--eventpath",
        eventFile,
        "--platform",
        "ubuntu-latest=-self-hosted",
        "--action-cache-path",
        home,
        "--action-offline-mode",
        "--artifact-server-path",
        path.join(home, "artifacts"),
        "--artifact-server-addr",
        "127.0.0.1",
        "--artifact-server-port",
        String(artifactPort),
        "--cache-server-addr",
        "127.0.0.1",
        "--cache-server-port",
        "0",
        "--cache-server-path",
        path.join(home, "cache"),
        "--json",
        ...(options.job ? ["--job", options.job] : []),
        ...localActions().flatMap((mapping) => ["--local-repository", mapping]),
        ...Object.entries(options.env ?? {}).flatMap(([k, v]) => ["--env", `${k}=${v}`]),
        ...Object.entries(options.secrets ?? {}).flatMap(([k, v]) => ["--secret", `${k}=${v}`]),
        ...Object.entries(options.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}=${v}`]),
      ];
      const result = await runCommand(path.join(toolsBinDir(), "act"), args, {
        cwd: options.repoDir,
        env: { ...process.env, HOME: process.env.HOME ?? home },
      });
      const jobs: Record<string, JobResult> = {};
      const lines: string[] = [];
      for (const line of result.stdout.split("\n")) {
        if (!line.startsWith("{")) continue;
        let entry: { jobID?: string; jobResult?: string; msg?: string; raw_output?: boolean };
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          continue;
        }
        if (entry.jobID && (entry.jobResult === "success" || entry.jobResult === "failure"))
          jobs[entry.jobID] = entry.jobResult;
        if (entry.jobID && entry.msg !== undefined) lines.push(`[${entry.jobID}] ${entry.msg}`);
      }
      return {
        code: result.code,
        jobs: new Proxy(jobs, {
          get: (target, key) => (typeof key === "string" ? (target[key] ?? "skipped") : undefined),
        }),
        log: `${lines.join("\n")}\n${result.stderr}`,
        jobLog: (jobId) => lines.filter((l) => l.startsWith(`[${jobId}] `)).join("\n"),
      };
    },
  };
}
