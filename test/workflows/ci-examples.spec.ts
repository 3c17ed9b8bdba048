/**
 * The GitHub Actions examples in .github/workflows/ cannot run here; what a team copying them relies on is
 * checked instead: each parses as a workflow with the triggers it promises, every `npm run` it calls exists
 * with flags its command accepts, secrets come only from `secrets`, and the shell scripts that turn the
 * drift check's exit code into a message, a failed job and an issue do so (run with bash, `npm` and `gh`
 * replaced by fakes).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../../infra/automation/project-root.ts";
import { parseDriftArgs } from "../../workflows/drift/args.ts";
import { parsePromoteArgs } from "../../workflows/promote/args.ts";
import { parseStackArgs } from "../../workflows/stack/main.ts";
import { parseVerifyArgs } from "../../workflows/verify/args.ts";

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface Job {
  "runs-on": string;
  environment?: string;
  env?: Record<string, string>;
  steps: Step[];
}

interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  defaults?: { run?: { shell?: string } };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const WORKFLOWS_DIR = path.join(projectRoot(), ".github", "workflows");
const EXPECTED = ["deploy-staging.yml", "drift.yml", "preview.yml", "promote-prod.yml"];
// An action pinned to a release tag: owner/repo[/path]@v1, @v1.2 or @v1.2.3.
const PINNED_ACTION = /^[\w.-]+\/[\w./-]+@v\d+(\.\d+){0,2}$/;

const files = readdirSync(WORKFLOWS_DIR).filter((file) => /\.ya?ml$/.test(file));
const raw = new Map(files.map((file) => [file, readFileSync(path.join(WORKFLOWS_DIR, file), "utf8")]));
const parsed = new Map(files.map((file) => [file, parse(raw.get(file) ?? "") as unknown]));

/** A workflow whose shape the structure test has checked. */
function workflow(file: string): Workflow {
  return parsed.get(file) as Workflow;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What keeps `value` from being a workflow GitHub would run; [] when nothing does. */
function shapeProblems(value: unknown): string[] {
  if (!isRecord(value)) return ["not a mapping"];
  const problems: string[] = [];
  if (typeof value.name !== "string") problems.push("no name");
  if (!isRecord(value.on) || Object.keys(value.on).length === 0) problems.push("no `on` triggers");
  if (!isRecord(value.jobs) || Object.keys(value.jobs).length === 0) return [...problems, "no jobs"];
  for (const [jobId, job] of Object.entries(value.jobs)) {
    if (!isRecord(job)) {
      problems.push(`job ${jobId} is not a mapping`);
      continue;
    }
    if (typeof job["runs-on"] !== "string") problems.push(`job ${jobId} has no runs-on`);
    if (!Array.isArray(job.steps) || job.steps.length === 0) {
      problems.push(`job ${jobId} has no steps`);
      continue;
    }
    job.steps.forEach((step: unknown, index) => {
      const where = `job ${jobId} step ${index + 1}`;
      if (!isRecord(step)) return problems.push(`${where} is not a mapping`);
      const hasRun = typeof step.run === "string";
      const hasUses = typeof step.uses === "string";
      if (hasRun === hasUses) return problems.push(`${where} needs exactly one of run and uses`);
      if (hasUses && !PINNED_ACTION.test(step.uses as string)) {
        problems.push(`${where} uses ${String(step.uses)}, not pinned to a version tag`);
      }
    });
  }
  return problems;
}

function allSteps(wf: Workflow): Step[] {
  return Object.values(wf.jobs).flatMap((job) => job.steps);
}

function stepNamed(file: string, name: string): Step {
  const step = allSteps(workflow(file)).find((candidate) => candidate.name === name);
  if (step?.run === undefined) throw new Error(`${file} has no run step named "${name}"`);
  return step;
}

interface NpmRun {
  script: string;
  args: string[];
}

/**
 * The `npm run` calls of a shell script, with the arguments after `--`. The arguments end at a redirection,
 * a pipe, a separator or a closing quote; quoted shell variables stand for any value.
 */
function npmRunCalls(script: string): NpmRun[] {
  const calls: NpmRun[] = [];
  const pattern = /npm run (?:-\S+\s+)*([\w:-]+)(?:\s+--\s+([^|;&>'`)\n]*))?/g;
  for (const match of script.replace(/\\\n/g, " ").matchAll(pattern)) {
    const args = (match[2] ?? "")
      .trim()
      .split(/\s+/)
      .filter((arg) => arg !== "")
      .map((arg) => arg.replace(/^"(.*)"$/, "$1"));
    calls.push({ script: match[1] ?? "", args });
  }
  return calls;
}

/** The command line parsers of the project's own commands: a flag a workflow passes must be accepted. */
const PARSERS: Record<string, (argv: string[]) => unknown> = {
  drift: parseDriftArgs,
  promote: parsePromoteArgs,
  stack: parseStackArgs,
  verify: parseVerifyArgs,
};

const packageScripts = Object.keys(
  (JSON.parse(readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { scripts: object }).scripts,
);

describe("the CI examples in .github/workflows", () => {
  it("are the four documented workflows", () => {
    expect([...files].sort()).toEqual(EXPECTED);
  });

  it.each(EXPECTED)("%s has triggers, jobs and steps, each step a command or a pinned action", (file) => {
    expect(shapeProblems(parsed.get(file))).toEqual([]);
  });

  it.each(EXPECTED)("%s calls only npm scripts that exist, with flags their commands accept", (file) => {
    const problems: string[] = [];
    for (const step of allSteps(workflow(file))) {
      for (const call of npmRunCalls(step.run ?? "")) {
        const where = `npm run ${call.script} -- ${call.args.join(" ")}`;
        if (!packageScripts.includes(call.script)) problems.push(`${where}: no such script in package.json`);
        try {
          PARSERS[call.script]?.([...call.args]);
        } catch (error) {
          problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("call each of the project's pipeline commands", () => {
    const called = EXPECTED.flatMap((file) =>
      allSteps(workflow(file)).flatMap((step) => npmRunCalls(step.run ?? "").map((call) => call.script)),
    );
    expect(new Set(called)).toEqual(new Set(["drift", "stack", "promote", "verify"]));
  });

  it("run when the README says: PRs, merges to main, by hand behind production, on a schedule", () => {
    expect(Object.keys(workflow("preview.yml").on)).toEqual(["pull_request"]);
    expect(workflow("deploy-staging.yml").on).toEqual({ push: { branches: ["main"] } });
    expect(Object.keys(workflow("promote-prod.yml").on)).toEqual(["workflow_dispatch"]);
    expect(Object.values(workflow("promote-prod.yml").jobs).map((job) => job.environment)).toEqual([
      "production",
    ]);
    const drift = workflow("drift.yml").on;
    expect(Object.keys(drift).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(drift.schedule).toEqual([{ cron: expect.stringMatching(/^(\S+ ){4}\S+$/) }]);
  });

  it.each(EXPECTED)("%s takes every secret from GitHub secrets, never from the file", (file) => {
    const wf = workflow(file);
    const scopes = [
      wf.env,
      ...Object.values(wf.jobs).flatMap((job) => [job.env, ...job.steps.map((s) => s.env)]),
    ];
    const secretLike = /KEY|TOKEN|PASSPHRASE|SECRET|PASSWORD/i;
    const leaks = scopes
      .flatMap((scope) => Object.entries(scope ?? {}))
      .filter(([name]) => secretLike.test(name))
      .filter(([, value]) => !/^\$\{\{ (secrets\.[A-Z0-9_]+|github\.token) \}\}$/.test(String(value)));
    expect(leaks).toEqual([]);
  });

  it.each(EXPECTED)("%s grants the permissions its steps need", (file) => {
    const wf = workflow(file);
    const text = allSteps(wf)
      .map((step) => `${step.uses ?? ""}\n${step.run ?? ""}`)
      .join("\n");
    // With a `permissions` block, every scope it does not name is "none".
    const needs: [RegExp, string, string[]][] = [
      [/aws-actions\/configure-aws-credentials/, "id-token", ["write"]],
      [/sticky-pull-request-comment/, "pull-requests", ["write"]],
      [/gh issue /, "issues", ["write"]],
      [/git push/, "contents", ["write"]],
      [/actions\/checkout/, "contents", ["read", "write"]],
    ];
    const missing = needs
      .filter(
        ([pattern, scope, levels]) =>
          pattern.test(text) && !levels.includes(wf.permissions?.[scope] ?? "none"),
      )
      .map(([pattern, scope]) => `${pattern.source} needs ${scope}`);
    expect(missing).toEqual([]);
  });
});

describe("the drift exit codes in the workflows' scripts", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  interface StepRun {
    status: number | null;
    stdout: string;
    /** Each call the fake npm and gh received. */
    calls: string[];
    /** GITHUB_OUTPUT and GITHUB_STEP_SUMMARY as the step left them. */
    output: string;
    summary: string;
    read(file: string): string;
  }

  const FAKE_NPM = `#!/usr/bin/env bash
echo "npm $*" >> "$FAKE_LOG"
printf '%s\\n' "$FAKE_NPM_STDOUT"
exit "$FAKE_NPM_EXIT"
`;
  const FAKE_GH = `#!/usr/bin/env bash
echo "gh $*" >> "$FAKE_LOG"
if [ "$1 $2" = "issue list" ]; then printf '%s' "$FAKE_OPEN_ISSUE"; fi
`;

  /** Runs a step's script as GitHub does with `shell: bash`, in a fresh folder, with fake npm and gh. */
  function runStep(
    file: string,
    name: string,
    env: Record<string, string>,
    files: Record<string, string> = {},
  ) {
    expect(workflow(file).defaults?.run?.shell).toBe("bash");
    const dir = mkdtempSync(path.join(os.tmpdir(), "qard-ci-step-"));
    dirs.push(dir);
    const bin = path.join(dir, "bin");
    const work = path.join(dir, "work");
    mkdirSync(bin);
    mkdirSync(work);
    for (const [tool, script] of Object.entries({ npm: FAKE_NPM, gh: FAKE_GH })) {
      writeFileSync(path.join(bin, tool), script);
      chmodSync(path.join(bin, tool), 0o755);
    }
    for (const [fileName, text] of Object.entries(files)) writeFileSync(path.join(work, fileName), text);
    const paths = {
      log: path.join(dir, "log"),
      output: path.join(dir, "output"),
      summary: path.join(dir, "summary"),
    };
    for (const file of Object.values(paths)) writeFileSync(file, "");
    const result = spawnSync(
      "bash",
      ["--noprofile", "--norc", "-eo", "pipefail", "-c", stepNamed(file, name).run ?? ""],
      {
        cwd: work,
        encoding: "utf8",
        env: {
          PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
          FAKE_LOG: paths.log,
          FAKE_NPM_EXIT: "0",
          FAKE_NPM_STDOUT: "",
          FAKE_OPEN_ISSUE: "",
          GITHUB_OUTPUT: paths.output,
          GITHUB_STEP_SUMMARY: paths.summary,
          GITHUB_SERVER_URL: "https://github.com",
          GITHUB_REPOSITORY: "team/qard-iac",
          GITHUB_RUN_ID: "7",
          ...env,
        },
      },
    );
    const lines = (text: string) => text.split("\n").filter((line) => line !== "");
    const run: StepRun = {
      status: result.status,
      stdout: result.stdout,
      calls: lines(readFileSync(paths.log, "utf8")),
      output: readFileSync(paths.output, "utf8"),
      summary: readFileSync(paths.summary, "utf8"),
      read: (fileName) => readFileSync(path.join(work, fileName), "utf8"),
    };
    return run;
  }

  const REPORT = "| provider | finding |\n| --- | --- |\n| shopify | enabled: true → false |";

  it.each([0, 1, 2, 3, 4])(
    "drift.yml records exit %i of the prod check and puts its report in the summary",
    (code) => {
      const run = runStep("drift.yml", "Drift check (prod)", {
        FAKE_NPM_EXIT: String(code),
        FAKE_NPM_STDOUT: REPORT,
      });
      expect(run.status).toBe(0);
      expect(run.calls).toEqual(["npm run --silent drift -- --stack prod --markdown"]);
      expect(run.output).toBe(`code=${code}\n`);
      expect(run.summary).toContain(REPORT);
    },
  );

  it.each([
    [2, "Drift: Qard's prod configuration was changed outside Pulumi"],
    [3, "Config change pending: Pulumi.prod.yaml differs"],
    [4, "Rotation pending: a credential in Secrets Manager"],
  ])("drift.yml fails with exit %i, says why, and opens an issue with the report", (code, message) => {
    const run = runStep("drift.yml", "Report", { CODE: String(code) }, { "drift.md": REPORT });
    expect(run.status).toBe(code);
    expect(run.stdout).toContain(`::error::${message}`);
    expect(run.calls.slice(1)).toEqual([
      "gh issue list --label qard-drift --state open --json number --jq .[0].number // empty",
      `gh issue create --title Qard prod: drift check exit ${code} --label qard-drift --body-file issue.md`,
    ]);
    expect(run.calls[0]).toMatch(/^gh label create qard-drift /);
    expect(run.read("issue.md")).toContain(message);
    expect(run.read("issue.md")).toContain(REPORT);
    expect(run.read("issue.md")).toContain("https://github.com/team/qard-iac/actions/runs/7");
  });

  it("drift.yml comments on the drift issue already open instead of opening another", () => {
    const run = runStep("drift.yml", "Report", { CODE: "2", FAKE_OPEN_ISSUE: "42" }, { "drift.md": REPORT });
    expect(run.status).toBe(2);
    expect(run.calls.at(-1)).toBe("gh issue comment 42 --body-file issue.md");
    expect(run.calls.some((call) => call.startsWith("gh issue create"))).toBe(false);
  });

  it("drift.yml fails on exit 1 (the check itself failed) without an issue, and passes on 0", () => {
    const failed = runStep("drift.yml", "Report", { CODE: "1" });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain("::error::The drift check of prod failed (exit 1)");
    expect(failed.calls).toEqual([]);

    const clean = runStep("drift.yml", "Report", { CODE: "0" });
    expect(clean.status).toBe(0);
    expect(clean.calls).toEqual([]);
  });

  it.each([
    [0, 0, ""],
    [2, 0, "::warning::staging has drifted"],
    [3, 0, "::notice::staging has a config change pending"],
    [4, 0, "::notice::staging has a credential rotation pending"],
    [1, 1, "::error::the drift check of staging failed"],
  ])("preview.yml: drift exit %i ends the step with %i (%s)", (code, status, annotation) => {
    const run = runStep("preview.yml", "Drift check (staging)", {
      FAKE_NPM_EXIT: String(code),
      FAKE_NPM_STDOUT: REPORT,
    });
    expect(run.status).toBe(status);
    expect(run.stdout).toContain(annotation);
    expect(run.calls).toEqual(["npm run --silent drift -- --stack staging --markdown"]);
    expect(run.summary).toContain(REPORT);
    expect(run.output).toBe(`code=${code}\n`);
  });
});

describe("npmRunCalls", () => {
  it("reads the script and its arguments, up to a redirection, a pipe or a closing quote", () => {
    expect(
      npmRunCalls(
        [
          `npm run --silent drift -- --stack prod --markdown > drift.md`,
          `npm run stack -- preview --stack staging --diff | tee preview.txt`,
          `message="Restore it with 'npm run stack -- up --refresh --stack prod', or ..."`,
          `npm run verify -- --stack staging --user "$USER_ID" --json`,
          `npm run lint`,
        ].join("\n"),
      ),
    ).toEqual([
      { script: "drift", args: ["--stack", "prod", "--markdown"] },
      { script: "stack", args: ["preview", "--stack", "staging", "--diff"] },
      { script: "stack", args: ["up", "--refresh", "--stack", "prod"] },
      { script: "verify", args: ["--stack", "staging", "--user", "$USER_ID", "--json"] },
      { script: "lint", args: [] },
    ]);
  });
});
