/**
 * The GitHub Actions examples in .github/workflows/ cannot run here; what a team copying them relies on is
 * checked instead: each parses as a workflow with the triggers it promises, every `npm run` it calls exists
 * with flags its command accepts, secrets come only from `secrets` and only into the steps that use them,
 * actions are pinned by commit, each job holds only what it needs, and the shell scripts that turn the
 * drift check's exit code into a message, a failed job and an issue, or a promotion into a pull request,
 * do so (run with bash, `npm`, `gh` and `git` replaced by fakes). actionlint.spec.ts lints them too.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../../infra/project-root.ts";
import { parseDriftArgs } from "../../workflows/drift/args.ts";
import { parsePromoteArgs } from "../../workflows/promote/args.ts";
import { parseStackArgs } from "../../workflows/stack/main.ts";
import { parseVerifyArgs } from "../../workflows/verify/args.ts";
import { isRecord, messageOf } from "@qard-iac/pulumi-qard/internal";

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
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  if?: string;
  needs?: string[];
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
const EXPECTED = ["deploy.yml", "drift.yml", "preview.yml", "promote-prod.yml", "test.yml", "verify.yml"];
// A third-party action pinned to a full commit SHA (a tag can be moved; a commit cannot).
const PINNED_ACTION = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
// The release each pin stands for, as a comment on the same line: `uses: owner/repo@<sha> # v1.2.3`.
const PIN_COMMENT = /^\s*-?\s*uses: ([\w.-]+\/[\w./-]+@[0-9a-f]{40}) # v\d+\.\d+\.\d+$/;

// An action of this repository (`uses: ./.github/actions/<name>`): its code is reviewed with the workflows.
const LOCAL_ACTION = /^\.\/\.github\/actions\/[\w-]+$/;

const LOCAL_ACTION_FILES = readdirSync(path.join(projectRoot(), ".github", "actions")).map((name) =>
  path.join(".github", "actions", name, "action.yml"),
);
const files = readdirSync(WORKFLOWS_DIR).filter((file) => /\.ya?ml$/.test(file));
const raw = new Map(files.map((file) => [file, readFileSync(path.join(WORKFLOWS_DIR, file), "utf8")]));
const parsed = new Map(files.map((file) => [file, withLocalActionSteps(parse(raw.get(file) ?? ""))]));

/** The steps of a local composite action: they run in the job that uses it. */
function localActionSteps(uses: string): unknown[] {
  const action = parse(readFileSync(path.join(projectRoot(), uses, "action.yml"), "utf8")) as unknown;
  const runs = isRecord(action) && isRecord(action.runs) ? action.runs : {};
  if (runs.using !== "composite" || !Array.isArray(runs.steps))
    throw new Error(`${uses} is not a composite action`);
  return runs.steps as unknown[];
}

/**
 * The workflow with each local action's steps after the step that uses it, so that every check below holds
 * for what a job runs, whether the workflow or a local action spells it out.
 */
function withLocalActionSteps(value: unknown): unknown {
  if (!isRecord(value) || !isRecord(value.jobs)) return value;
  for (const job of Object.values(value.jobs)) {
    if (!isRecord(job) || !Array.isArray(job.steps)) continue;
    job.steps = job.steps.flatMap((step: unknown) =>
      isRecord(step) && typeof step.uses === "string" && LOCAL_ACTION.test(step.uses)
        ? [step, ...localActionSteps(step.uses)]
        : [step],
    );
  }
  return value;
}

/** A workflow whose shape the structure test has checked. */
function workflow(file: string): Workflow {
  return parsed.get(file) as Workflow;
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
      if (hasUses && !PINNED_ACTION.test(step.uses as string) && !LOCAL_ACTION.test(step.uses as string)) {
        problems.push(`${where} uses ${String(step.uses)}, not pinned to a commit SHA`);
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
      // A quoted array expansion stands for flags the step builds itself (checked by running the step).
      .filter((arg) => !/^"\$\{\w+\[@\]\}"$/.test(arg))
      // A quoted variable stands for a value the job supplies: a plain word that any flag accepts.
      .map((arg) => (/^"\$\{?\w+\}?"$/.test(arg) ? "any-value" : arg.replace(/^"(.*)"$/, "$1")));
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
  it("are the documented workflows", () => {
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
          problems.push(`${where}: ${messageOf(error)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each([...EXPECTED.map((file) => path.join(".github", "workflows", file)), ...LOCAL_ACTION_FILES])(
    "%s names the release of each pinned action beside its SHA",
    (file) => {
      const usesLines = readFileSync(path.join(projectRoot(), file), "utf8")
        .split("\n")
        .filter((line) => /^\s*-?\s*uses:/.test(line) && !/uses: \.\//.test(line));
      expect(usesLines.length).toBeGreaterThan(0);
      expect(usesLines.filter((line) => !PIN_COMMENT.test(line))).toEqual([]);
    },
  );

  it("restore the packages and the library's build only for exactly what each is made from", () => {
    const steps = localActionSteps("./.github/actions/install-and-build") as Step[];
    const cached = steps.filter((step) => step.uses?.startsWith("actions/cache@"));
    expect(cached.map((step) => step.with?.path)).toEqual(["node_modules", "providers/dist"]);
    const [packagesKey, libraryKey] = cached.map((step) => String(step.with?.key));
    // The installed tree depends on the lockfile, the exact Node.js and the platform.
    for (const part of [
      "runner.os",
      "runner.arch",
      "steps.node.outputs.node-version",
      "hashFiles('package-lock.json')",
    ])
      expect(packagesKey).toContain(part);
    // The build, on every file tsc reads and the packages it compiles against.
    for (const input of [
      "package-lock.json",
      "tsconfig.json",
      "providers/package.json",
      "providers/tsconfig*.json",
      "providers/src/**",
    ])
      expect(libraryKey).toContain(`'${input}'`);
    // Each install or build runs exactly when its cache missed.
    const runsOnlyOnMiss = (command: string, cacheId: string) =>
      steps.find((step) => step.run?.includes(command))?.if ===
      `steps.${cacheId}.outputs.cache-hit != 'true'`;
    expect(runsOnlyOnMiss("npm ci --ignore-scripts", "packages")).toBe(true);
    expect(runsOnlyOnMiss("npm run build", "library")).toBe(true);
    expect(cached.map((step) => step.id)).toEqual(["packages", "library"]);
  });

  it("pin each action to one commit in every workflow", () => {
    const pins = new Map<string, Set<string>>();
    for (const step of EXPECTED.flatMap((file) => allSteps(workflow(file)))) {
      const [action, sha] = (step.uses ?? "").split("@");
      if (action === undefined || sha === undefined) continue;
      pins.set(action, (pins.get(action) ?? new Set()).add(sha));
    }
    expect([...pins.keys()].sort()).toEqual([
      "actions/cache",
      "actions/checkout",
      "actions/download-artifact",
      "actions/setup-go",
      "actions/setup-node",
      "actions/upload-artifact",
      "aws-actions/configure-aws-credentials",
      "pulumi/actions",
    ]);
    expect([...pins.values()].every((shas) => shas.size === 1)).toBe(true);
  });

  it("run the program with pulumi/actions' own inputs, and the project's commands where they add value", () => {
    const called = EXPECTED.flatMap((file) =>
      allSteps(workflow(file)).flatMap((step) => npmRunCalls(step.run ?? "").map((call) => call.script)),
    );
    expect(new Set(called)).toEqual(new Set(["build", "drift", "promote", "setup", "verify"]));
    const pulumiRuns = EXPECTED.flatMap((file) =>
      allSteps(workflow(file))
        .filter((step) => step.uses?.startsWith("pulumi/actions@") && step.with?.command !== undefined)
        .map((step) => ({ file, ...step.with })),
    );
    const policy = { policyPacks: "policy", policyPackConfigs: "policy/pack-config.json" };
    expect(pulumiRuns).toEqual([
      expect.objectContaining({
        file: "deploy.yml",
        command: "up",
        "stack-name": "staging",
        refresh: true,
        diff: true,
        "comment-on-summary": true,
        ...policy,
      }),
      expect.objectContaining({
        file: "preview.yml",
        command: "preview",
        "stack-name": "staging",
        diff: true,
        "comment-on-pr": true,
        "comment-on-summary": true,
        ...policy,
      }),
      expect.objectContaining({
        file: "preview.yml",
        command: "preview",
        "stack-name": "prod",
        diff: true,
        "comment-on-pr": true,
        "comment-on-summary": true,
        ...policy,
      }),
    ]);
    // upsert would create a mistyped stack; every run names the CLI version the project is tested with.
    for (const run of pulumiRuns) expect(run).not.toHaveProperty("upsert");
    const installs = EXPECTED.flatMap((file) =>
      allSteps(workflow(file)).filter((step) => step.uses?.startsWith("pulumi/actions@")),
    );
    expect(installs.map((step) => step.with?.["pulumi-version"])).toEqual(installs.map(() => "3.276.0"));
  });

  it("run when the README says: PRs, merges to main, promotion and verify by hand, drift on a schedule", () => {
    expect(Object.keys(workflow("preview.yml").on)).toEqual(["pull_request"]);
    expect(workflow("deploy.yml").on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: null });
    expect(Object.keys(workflow("promote-prod.yml").on)).toEqual(["workflow_dispatch"]);
    const drift = workflow("drift.yml").on;
    expect(Object.keys(drift).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(drift.schedule).toEqual([{ cron: expect.stringMatching(/^(\S+ ){4}\S+$/) }]);
    const verify = workflow("verify.yml").on;
    expect(Object.keys(verify).sort()).toEqual(["schedule", "workflow_dispatch"]);
  });

  it("update prod only after merge, from the deploy workflow, behind the production environment", () => {
    const prodWrites = EXPECTED.flatMap((file) =>
      Object.entries(workflow(file).jobs)
        .filter(([, job]) =>
          job.steps.some((step) => /^\s*pulumi up\b[^\n]*--stack prod/m.test(step.run ?? "")),
        )
        .map(([id, job]) => ({ file, id, environment: job.environment, needs: job.needs })),
    );
    expect(prodWrites).toEqual([
      { file: "deploy.yml", id: "prod", environment: "production", needs: ["prod-plan"] },
    ]);
    // Promotion proposes; it never applies.
    const promoteCalls = allSteps(workflow("promote-prod.yml"))
      .flatMap((step) => npmRunCalls(step.run ?? ""))
      .filter((call) => call.script !== "build");
    expect(promoteCalls).toEqual([
      { script: "promote", args: ["--from", "staging", "--to", "prod", "--markdown"] },
    ]);
    expect(raw.get("promote-prod.yml")).not.toMatch(/--apply|git push[^\n]*\bmain\b/);
  });

  it("enforce the repo's policy pack and its config on every pulumi preview and up", () => {
    const cliRuns = EXPECTED.flatMap((file) =>
      allSteps(workflow(file))
        .map((step) => (step.run ?? "").replace(/\\\n/g, " "))
        .filter((run) => /^\s*pulumi (preview|up)\b/m.test(run)),
    );
    expect(cliRuns.length).toBe(2);
    for (const run of cliRuns) {
      expect(run).toMatch(/--policy-pack policy --policy-pack-config policy\/pack-config\.json/);
    }
    // Each job that previews or updates first warns about a pack config that weakens a mandatory rule.
    for (const file of ["deploy.yml", "preview.yml"]) {
      for (const [id, job] of Object.entries(workflow(file).jobs)) {
        const writes = job.steps.some(
          (step) => step.with?.command !== undefined || /\bpulumi (preview|up)\b/.test(step.run ?? ""),
        );
        if (!writes) continue;
        const check = job.steps.findIndex((step) => step.run?.includes("workflows/policy-config/main.ts"));
        expect(check, `${file} ${id}`).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it("apply to prod the plan a preview of prod saved, when that preview found changes (exit 7)", () => {
    const jobs = workflow("deploy.yml").jobs;
    const plan = jobs["prod-plan"]!;
    const preview = plan.steps.find((step) => /pulumi preview/.test(step.run ?? ""))?.run ?? "";
    expect(preview).toMatch(/--stack prod --refresh/);
    expect(preview).toMatch(/"\$\{flags\[@\]\}" --expect-no-changes/);
    expect(preview).toMatch(/"\$\{flags\[@\]\}" --save-plan prod-plan\.json/);
    expect(plan.environment).toBe("production-readonly");
    const up = jobs.prod!.steps.find((step) => /pulumi up/.test(step.run ?? ""));
    expect(up?.run).toMatch(/--plan prod-plan\.json/);
    expect(up?.env?.PULUMI_EXPERIMENTAL).toBe("true");
    expect(jobs.prod!.if).toContain("needs.prod-plan.outputs.apply == 'true'");
    expect(raw.get("deploy.yml")).not.toMatch(/git diff/);
  });

  it("lose no promotion: one group per stack, prod shared with drift, nothing cancelled", () => {
    const deploy = workflow("deploy.yml");
    expect(deploy).not.toHaveProperty("concurrency");
    expect(deploy.jobs.staging!.concurrency).toEqual({ group: "qard-staging", "cancel-in-progress": false });
    for (const id of ["prod-plan", "prod"]) {
      expect(deploy.jobs[id]!.concurrency).toEqual({ group: "qard-prod", "cancel-in-progress": false });
    }
    for (const job of Object.values(workflow("drift.yml").jobs)) {
      expect(job.concurrency).toEqual({ group: "qard-prod", "cancel-in-progress": false });
    }
  });

  it("keep no write token in .git/config while npm ci runs, and run no install scripts", () => {
    for (const file of EXPECTED) {
      for (const job of Object.values(workflow(file).jobs)) {
        for (const step of job.steps) {
          if (step.uses?.startsWith("actions/checkout@"))
            expect(step.with?.["persist-credentials"]).toBe(false);
          if (/npm ci/.test(step.run ?? "")) expect(step.run).toMatch(/npm ci --ignore-scripts/);
        }
      }
    }
  });

  it("let the scheduled drift repair only through npm run drift --remediate, after a drift finding (10)", () => {
    const job = workflow("drift.yml").jobs.remediate!;
    expect(job.if).toContain("needs.drift.outputs.code == '10'");
    expect(job.if).toContain("needs.drift.outputs.remediable == 'true'");
    expect(job.environment).toBe("production-remediation");
    expect(
      job.steps.flatMap((step) => npmRunCalls(step.run ?? "")).filter((c) => c.script === "drift"),
    ).toEqual([
      {
        script: "drift",
        args: [
          "--stack",
          "prod",
          "--remediate",
          "--record",
          "remediation",
          "--markdown",
          "--report-json",
          "drift-after.json",
        ],
      },
    ]);
    expect(workflow("drift.yml").jobs.drift!.environment).toBe("production-readonly");
  });

  it("give verify its own environment, and run the test suite on pull requests", () => {
    expect(Object.values(workflow("verify.yml").jobs).map((job) => job.environment)).toEqual([
      "staging-verify",
    ]);
    expect(Object.keys(workflow("test.yml").on)).toContain("pull_request");
    expect(allSteps(workflow("test.yml")).some((step) => step.run === "npm test")).toBe(true);
  });

  it("do not run verify on every merge", () => {
    const verifiers = EXPECTED.filter((file) =>
      allSteps(workflow(file)).some((step) => npmRunCalls(step.run ?? "").some((c) => c.script === "verify")),
    );
    expect(verifiers).toEqual(["verify.yml"]);
    expect(workflow("verify.yml").on).not.toHaveProperty("push");
  });

  it.each(["drift.yml", "promote-prod.yml", "verify.yml", "deploy.yml"])(
    "%s runs main's code only, whatever branch a dispatch names",
    (file) => {
      for (const job of Object.values(workflow(file).jobs)) {
        expect(job.if ?? "").toMatch(/github\.ref == 'refs\/heads\/main'/);
      }
    },
  );

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

  it.each(EXPECTED)("%s gives secrets to the steps that use them, never to a whole job", (file) => {
    const wf = workflow(file);
    const broad = [wf.env, ...Object.values(wf.jobs).map((job) => job.env)].filter(
      (scope) => scope !== undefined && /secrets\.|github\.token/.test(JSON.stringify(scope)),
    );
    expect(broad).toEqual([]);
    // The steps before the project's code runs with secrets (checkout, setup-node, npm ci, the build) get none.
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps) {
        if (/npm ci|npm run build/.test(step.run ?? "") || /^actions\//.test(step.uses ?? "")) {
          expect(JSON.stringify(step.env ?? {})).not.toMatch(/secrets\./);
        }
      }
    }
  });

  it("hold no Qard key anywhere: each stack reads its own from qard:apiKeySecretId", () => {
    for (const file of EXPECTED) expect(raw.get(file)).not.toMatch(/QARD_API_KEY/);
    const keySource = (stack: string) =>
      (
        parse(readFileSync(path.join(projectRoot(), `Pulumi.${stack}.yaml`), "utf8")) as {
          config: Record<string, unknown>;
        }
      ).config["qard:apiKeySecretId"];
    expect(keySource("staging")).toEqual(expect.stringMatching(/staging/));
    expect(keySource("prod")).toEqual(expect.stringMatching(/prod/));
    expect(keySource("staging")).not.toEqual(keySource("prod"));
  });

  it("give the pull-request previews no write access and read-only environments, for each stack", () => {
    const preview = workflow("preview.yml");
    expect(Object.values(preview.jobs).map((job) => job.environment)).toEqual([
      undefined,
      "staging-preview",
      "production-readonly",
    ]);
    expect(preview.permissions).toEqual({ contents: "read" });
    for (const id of ["preview-staging", "preview-prod"]) {
      expect(preview.jobs[id]!.permissions).toEqual({
        contents: "read",
        "id-token": "write",
        "pull-requests": "write",
      });
    }
    // No command that reads Qard (drift, refresh) or writes it (up): preview only, no refresh.
    expect(allSteps(preview).flatMap((step) => npmRunCalls(step.run ?? ""))).toEqual([
      { script: "build", args: [] },
      { script: "build", args: [] },
    ]);
    for (const step of allSteps(preview).filter((candidate) => candidate.with?.command !== undefined)) {
      expect(step.with?.command).toBe("preview");
      expect(step.with).not.toHaveProperty("refresh");
    }
    expect(preview.jobs.stacks!.if).toBe(
      "github.event.pull_request.head.repo.full_name == github.repository",
    );
  });

  const jobsOf = (file: string) =>
    Object.entries(workflow(file).jobs).map(([id, job]) => ({
      id,
      steps: job.steps,
      // A job's own block replaces the workflow's.
      permissions: job.permissions ?? workflow(file).permissions,
    }));

  it.each(EXPECTED)("%s grants the permissions its steps need", (file) => {
    for (const wf of jobsOf(file)) {
      // A step that acts with its own token (PROMOTION_TOKEN) needs nothing of GITHUB_TOKEN.
      const text = wf.steps
        .filter((step) => !/secrets\.PROMOTION_TOKEN/.test(JSON.stringify(step.env ?? {})))
        .map((step) => `${step.uses ?? ""}\n${step.run ?? ""}\n${JSON.stringify(step.with ?? {})}`)
        .join("\n");
      // With a `permissions` block, every scope it does not name is "none".
      const needs: [RegExp, string, string[]][] = [
        [/aws-actions\/configure-aws-credentials/, "id-token", ["write"]],
        [/"comment-on-pr":true/, "pull-requests", ["write"]],
        [/gh pr /, "pull-requests", ["write"]],
        [/gh issue /, "issues", ["write"]],
        [/git push/, "contents", ["read", "write"]],
        [/actions\/checkout/, "contents", ["read", "write"]],
      ];
      const missing = needs
        .filter(
          ([pattern, scope, levels]) =>
            pattern.test(text) && !levels.includes(wf.permissions?.[scope] ?? "none"),
        )
        .map(([pattern, scope]) => `${wf.id}: ${pattern.source} needs ${scope}`);
      expect(missing).toEqual([]);
    }
  });

  it.each(EXPECTED)("%s grants no write permission its steps do not use", (file) => {
    for (const wf of jobsOf(file)) {
      const text = JSON.stringify(wf.steps);
      const uses: Record<string, RegExp> = {
        contents: /git push/,
        "pull-requests": /gh pr |comment-on-pr/,
        issues: /gh issue /,
        "id-token": /configure-aws-credentials/,
      };
      const unused = Object.entries(wf.permissions ?? {})
        .filter(([scope, level]) => level === "write" && !(uses[scope]?.test(text) ?? false))
        .map(([scope]) => `${wf.id}: ${scope}`);
      expect(unused).toEqual([]);
    }
  });
});

describe("the workflows' scripts (drift exit codes, the promotion pull request)", () => {
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
if [ "$1 $2" = "pr list" ]; then printf '%s' "$FAKE_OPEN_PR"; fi
`;
  // git diff --quiet answers FAKE_GIT_DIFF (1: the file changed); every other call succeeds.
  // pulumi answers FAKE_PULUMI_EXIT to a preview with --expect-no-changes; every other call succeeds.
  const FAKE_PULUMI = `#!/usr/bin/env bash
echo "pulumi $*" >> "$FAKE_LOG"
case " $* " in *" --expect-no-changes "*) exit "\${FAKE_PULUMI_EXIT:-0}" ;; esac
`;
  const FAKE_GIT = `#!/usr/bin/env bash
echo "git $*" >> "$FAKE_LOG"
if [ "$1 $2" = "diff --quiet" ]; then exit "$FAKE_GIT_DIFF"; fi
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
    for (const [tool, script] of Object.entries({
      npm: FAKE_NPM,
      gh: FAKE_GH,
      git: FAKE_GIT,
      pulumi: FAKE_PULUMI,
    })) {
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
          FAKE_OPEN_PR: "",
          FAKE_GIT_DIFF: "0",
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

  it.each([0, 1, 2, 3, 4, 10, 11, 12])(
    "drift.yml records exit %i of the prod check and puts its report in the summary",
    (code) => {
      const run = runStep("drift.yml", "Drift check (prod)", {
        FAKE_NPM_EXIT: String(code),
        FAKE_NPM_STDOUT: REPORT,
      });
      expect(run.status).toBe(0);
      expect(run.calls).toEqual([
        "npm run --silent drift -- --stack prod --markdown --report-json drift.json",
      ]);
      expect(run.output).toBe(`code=${code}\n`);
      expect(run.summary).toContain(REPORT);
    },
  );

  it.each([
    [10, "Drift: Qard's prod configuration was changed outside Pulumi"],
    [11, "Config change pending: Pulumi.prod.yaml differs"],
    [12, "Rotation pending: a credential in Secrets Manager"],
  ])("drift.yml fails with exit %i, says why, and opens an issue with the report", (code, message) => {
    const run = runStep("drift.yml", "Report", { CODE: String(code) }, { "drift.md": REPORT });
    expect(run.status).toBe(code);
    expect(run.stdout).toContain(`::error::${message}`);
    expect(run.calls.slice(1)).toEqual([
      "gh issue list --label qard-drift --state open --json number --jq .[0].number // empty",
      `gh issue create --title Qard prod: drift check exit ${code} --label qard-drift --body-file issue.md`,
      "gh issue list --label qard-drift-check --state open --json number --jq .[0].number // empty",
    ]);
    expect(run.calls[0]).toMatch(/^gh label create qard-drift /);
    expect(run.read("issue.md")).toContain(message);
    expect(run.read("issue.md")).toContain(REPORT);
    expect(run.read("issue.md")).toContain("https://github.com/team/qard-iac/actions/runs/7");
  });

  it("drift.yml comments on the drift issue already open instead of opening another", () => {
    const run = runStep("drift.yml", "Report", { CODE: "10", FAKE_OPEN_ISSUE: "42" }, { "drift.md": REPORT });
    expect(run.status).toBe(10);
    expect(run.calls).toContain("gh issue comment 42 --body-file issue.md");
    expect(run.calls.some((call) => call.startsWith("gh issue create"))).toBe(false);
  });

  it.each([
    [3, "authentication"],
    [4, "resource"],
    [2, "configuration"],
  ])("drift.yml files a check that cannot run (exit %i, %s) in its own issue, not as drift", (code, kind) => {
    const run = runStep(
      "drift.yml",
      "Report",
      { CODE: String(code) },
      { "drift.md": REPORT, "drift.json": JSON.stringify({ status: "error", errorKind: kind }) },
    );
    expect(run.status).toBe(code);
    expect(run.stdout).toContain(`::error::The drift check of prod could not run (exit ${code}, ${kind})`);
    expect(run.calls[0]).toMatch(/^gh label create qard-drift-check /);
    expect(run.calls.slice(1)).toEqual([
      "gh issue list --label qard-drift-check --state open --json number --jq .[0].number // empty",
      `gh issue create --title Qard prod: the drift check cannot run (${kind}) --label qard-drift-check --body-file issue.md`,
    ]);
  });

  it("drift.yml's repair closes the drift issue when prod is clean after it, else comments and fails", () => {
    const files = { "remediation.md": "### Drift remediation", "drift-after.md": "clean" };
    const repaired = runStep("drift.yml", "Report the repair", { CODE: "0", FAKE_OPEN_ISSUE: "42" }, files);
    expect(repaired.status).toBe(0);
    expect(
      repaired.calls.some((call) => call.startsWith("gh issue close 42 --comment ### Drift remediation")),
    ).toBe(true);
    const partial = runStep("drift.yml", "Report the repair", { CODE: "10", FAKE_OPEN_ISSUE: "42" }, files);
    expect(partial.status).toBe(10);
    expect(partial.calls).toContain("gh issue comment 42 --body-file comment.md");
    expect(partial.calls.some((call) => call.startsWith("gh issue close"))).toBe(false);
  });

  it("drift.yml closes the open drift issue when prod is clean again", () => {
    const clean = runStep("drift.yml", "Report", { CODE: "0", FAKE_OPEN_ISSUE: "42" });
    expect(clean.status).toBe(0);
    expect(clean.calls).toContain(
      "gh issue close 42 --comment The drift check of https://github.com/team/qard-iac/actions/runs/7 found prod clean again.",
    );
    const none = runStep("drift.yml", "Report", { CODE: "0" });
    expect(none.status).toBe(0);
    expect(none.calls.some((call) => call.startsWith("gh issue close"))).toBe(false);
  });

  const BODY = "### Promote `staging` → `prod`\n\n| provider | setting | from | to |";
  const PR_STEP = "Open or update the promotion pull request";
  const PR_ENV = { BRANCH: "promote/staging-to-prod", FAKE_GIT_DIFF: "1" };

  it("promote-prod.yml writes the promotion body to the summary and fails when promote refuses", () => {
    for (const code of [0, 1, 64]) {
      const run = runStep("promote-prod.yml", "Promote staging to prod (file and preview only)", {
        FAKE_NPM_EXIT: String(code),
        FAKE_NPM_STDOUT: BODY,
      });
      expect(run.status).toBe(code);
      expect(run.calls).toEqual(["npm run --silent promote -- --from staging --to prod --markdown"]);
      expect(run.summary).toContain(BODY);
      expect(run.read("promotion.md")).toContain(BODY);
    }
  });

  it("promote-prod.yml passes the dispatch's account map as --map flags, each pair one literal argument", () => {
    const step = "Promote staging to prod (file and preview only)";
    const mapped = runStep("promote-prod.yml", step, { ACCOUNT_MAP: "eu=eu-prod  us=us-prod" });
    expect(mapped.calls).toEqual([
      "npm run --silent promote -- --from staging --to prod --map eu=eu-prod --map us=us-prod --markdown",
    ]);
    // The input is outside text: shell syntax in it stays words of arguments and runs nothing.
    const hostile = runStep("promote-prod.yml", step, { ACCOUNT_MAP: "eu=$(touch pwned);`touch pwned`" });
    expect(hostile.calls).toEqual([
      "npm run --silent promote -- --from staging --to prod --map eu=$(touch --map pwned);`touch --map pwned` --markdown",
    ]);
    expect(() => hostile.read("pwned")).toThrow();
    // One pair a line, as a dispatch through the API may send it: every line counts, none is dropped.
    const lines = runStep("promote-prod.yml", step, { ACCOUNT_MAP: "eu=eu-prod\nus=us-prod\n" });
    expect(lines.calls).toEqual([
      "npm run --silent promote -- --from staging --to prod --map eu=eu-prod --map us=us-prod --markdown",
    ]);
    const none = runStep("promote-prod.yml", step, { ACCOUNT_MAP: "" });
    expect(none.calls).toEqual(["npm run --silent promote -- --from staging --to prod --markdown"]);
  });

  it("promote-prod.yml opens a pull request from the promotion branch, never pushing main", () => {
    const run = runStep("promote-prod.yml", PR_STEP, PR_ENV, { "promotion.md": BODY });
    expect(run.status).toBe(0);
    expect(
      run.calls.filter((call) => call.startsWith("git checkout") || call.startsWith("git push")),
    ).toEqual(["git checkout -B promote/staging-to-prod"]);
    // Pushed with PROMOTION_TOKEN for this one command (a PR GITHUB_TOKEN opens starts no workflow).
    expect(run.calls.filter((call) => / push --force origin promote\/staging-to-prod$/.test(call))).toEqual([
      expect.stringMatching(
        /^git -c http\.https:\/\/github\.com\/\.extraheader=AUTHORIZATION: basic \S+ push/,
      ),
    ]);
    expect(run.calls).toContain(
      "git commit -m Promote staging's settings to prod (run 7) -- Pulumi.prod.yaml",
    );
    expect(run.calls.filter((call) => call.startsWith("gh "))).toEqual([
      "gh pr list --head promote/staging-to-prod --base main --state open --json number --jq .[0].number // empty",
      "gh pr create --base main --head promote/staging-to-prod --title Promote staging's settings to prod --body-file promotion.md",
    ]);
  });

  it("promote-prod.yml updates the promotion pull request already open instead of opening another", () => {
    const run = runStep(
      "promote-prod.yml",
      PR_STEP,
      { ...PR_ENV, FAKE_OPEN_PR: "12" },
      { "promotion.md": BODY },
    );
    expect(run.status).toBe(0);
    expect(run.calls.at(-1)).toBe("gh pr edit 12 --body-file promotion.md");
    expect(run.calls.some((call) => call.startsWith("gh pr create"))).toBe(false);
  });

  it("promote-prod.yml opens nothing when Pulumi.prod.yaml did not change", () => {
    const run = runStep("promote-prod.yml", PR_STEP, { ...PR_ENV, FAKE_GIT_DIFF: "0" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Pulumi.prod.yaml unchanged");
    expect(run.calls).toEqual(["git diff --quiet -- Pulumi.prod.yaml"]);
  });

  it("verify.yml runs verify for the dedicated test user, and says so when none is configured", () => {
    const unset = runStep("verify.yml", "Verify", { VERIFY_USER: "", VERIFY_PROVIDER: "company_legal_fr" });
    expect(unset.status).toBe(0);
    expect(unset.stdout).toContain("::warning::Set the variable QARD_VERIFY_USER_ID");
    expect(unset.calls).toEqual([]);

    const run = runStep("verify.yml", "Verify", {
      VERIFY_USER: "u-test",
      VERIFY_PROVIDER: "company_legal_fr",
    });
    expect(run.status).toBe(0);
    expect(run.calls).toEqual([
      "npm run verify -- --stack staging --user u-test --provider company_legal_fr --timeout-seconds 300",
    ]);
  });

  it.each([
    ["0", 0, "apply=false\n", 1],
    ["7", 0, "apply=true\n", 2],
    ["3", 3, "", 1],
  ])(
    "deploy.yml: a prod preview exiting %s ends the step with %i and %j after %i preview(s)",
    (exit, status, output, previews) => {
      const run = runStep("deploy.yml", "Preview prod and save its plan", { FAKE_PULUMI_EXIT: exit });
      expect(run.status).toBe(status);
      expect(run.output).toBe(output);
      expect(run.calls).toHaveLength(previews);
      expect(run.calls[0]).toMatch(/^pulumi preview --stack prod --refresh .*--expect-no-changes$/);
      if (previews === 2) {
        expect(run.calls[1]).toMatch(/--save-plan prod-plan\.json$/);
        expect(run.summary).toContain("### Prod preview");
      }
    },
  );
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
      { script: "verify", args: ["--stack", "staging", "--user", "any-value", "--json"] },
      { script: "lint", args: [] },
    ]);
  });
});
