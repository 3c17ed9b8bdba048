/**
 * Everything the workflows reach, on this machine: a copy of the repository pushed to as GitHub would
 * receive it, two Qard emulators (staging's account and prod's, each with its own key), moto for Secrets
 * Manager, STS and the S3 state backend, the GitHub stand-in, and act with the workflows' actions.
 */
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server.ts";
import { toolsBinDir } from "../../workflows/stacks/pulumi-command.ts";
import { startMoto, type MotoServer } from "../helpers/moto.ts";
import { TEST_PASSPHRASE } from "../helpers/pulumi-backend.ts";
import { runCommand } from "../helpers/run-script.ts";
import { createActHome } from "./act-home.ts";
import { createActRunner, type ActRun, type ActRunner } from "./act-run.ts";
import { startGitHubStandIn, type GitHubStandIn } from "./github-stand-in.ts";
import { createPipelineRepo, PIPELINE_REPOSITORY, type PipelineRepo } from "./pipeline-repo.ts";

export const STAGING_KEY = "pipeline-staging-key";
export const PROD_KEY = "pipeline-prod-key";

export interface PipelineWorld {
  repo: PipelineRepo;
  staging: RunningEmulator;
  prod: RunningEmulator;
  moto: MotoServer;
  github: GitHubStandIn;
  act: ActRunner;
  backendUrl: string;
  /** Runs a workflow for a push to main of the repository's current HEAD. */
  push(workflow: string, job?: string): Promise<ActRun>;
  /** Runs preview.yml for a pull request from `branch` into main. */
  pullRequest(branch: string, number: number): Promise<ActRun>;
  /** Runs drift.yml as its schedule does. */
  schedule(workflow: string): Promise<ActRun>;
  dispose(): Promise<void>;
}

const workflowFile = (name: string) => path.join(".github", "workflows", name);

/**
 * The runner's own npm cache, warm: a copy of this machine's (hard links where the file system allows them;
 * cacache writes a new file and renames it, never rewrites one in place). A job that misses the Actions cache
 * of node_modules runs `npm ci`, which finds every package offline here, and whatever it writes lands in the
 * runner's copy, never in the cache other test files install from at the same time.
 */
function createRunnerNpmCache(home: string): string {
  const machineCache = execFileSync("npm", ["config", "get", "cache"], { encoding: "utf8" }).trim();
  const runnerCache = path.join(home, "npm-cache");
  mkdirSync(runnerCache);
  const content = path.join(machineCache, "_cacache");
  try {
    execFileSync("cp", ["-al", content, runnerCache], { stdio: "pipe" });
  } catch {
    execFileSync("cp", ["-a", content, runnerCache], { stdio: "pipe" });
  }
  return runnerCache;
}

export async function createPipelineWorld(): Promise<PipelineWorld> {
  const home = createActHome();
  const moto = await startMoto();
  const staging = await startEmulator({ apiKeys: [STAGING_KEY] });
  const prod = await startEmulator({ apiKeys: [PROD_KEY] });
  const github = await startGitHubStandIn();
  const repo = createPipelineRepo();

  const aws = moto.secretsClient();
  const secret = (Name: string, SecretString: string) =>
    aws.send(new CreateSecretCommand({ Name, SecretString }));
  await secret("qard/staging/api-key", STAGING_KEY);
  await secret("qard/prod/api-key", PROD_KEY);
  await secret("qard/staging/shopify", JSON.stringify({ client_id: "s-id", client_secret: "s-secret" }));
  await secret("qard/prod/shopify", JSON.stringify({ client_id: "p-id", client_secret: "p-secret" }));
  aws.destroy();
  const bucket = "qard-state";
  await fetch(`${moto.endpoint}/${bucket}`, { method: "PUT" });
  const backendUrl = `s3://${bucket}?endpoint=${encodeURIComponent(moto.endpoint)}&s3ForcePathStyle=true&region=eu-west-3`;

  // The stack files point at this machine's Qard accounts; everything else is the repository's own.
  for (const [stack, emulator] of [
    ["staging", staging],
    ["prod", prod],
  ] as const) {
    const file = `Pulumi.${stack}.yaml`;
    repo.write(file, repo.read(file).replace(/qard:apiUrl: .*/, `qard:apiUrl: ${emulator.baseUrl}`));
  }

  const cliEnv = {
    ...process.env,
    ...moto.env,
    PATH: `${toolsBinDir()}:${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: backendUrl,
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  for (const stack of ["staging", "prod"] as const) {
    const created = await runCommand("pulumi", ["stack", "init", stack, "--non-interactive"], {
      cwd: repo.dir,
      env: cliEnv,
    });
    if (created.code !== 0) throw new Error(`pulumi stack init ${stack}: ${created.output}`);
  }
  repo.commit("The project, its stacks on this machine's Qard accounts");

  const act = createActRunner(home);
  const npmCache = createRunnerNpmCache(home);
  const standInBin = path.join(path.dirname(new URL(import.meta.url).pathname), "stand-ins", "bin");
  const common = () => ({
    repoDir: repo.dir,
    env: {
      // What a hosted runner has besides the tool cache; the CLI and Node come from setup steps.
      PATH: `${standInBin}:/usr/local/bin:/usr/bin:/bin`,
      GITHUB_API_URL: github.apiUrl,
      ACTIONS_ID_TOKEN_REQUEST_URL: github.oidcUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "stand-in-request-token",
      AWS_ENDPOINT_URL: moto.endpoint,
      npm_config_cache: npmCache,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      HOME: process.env.HOME ?? home,
    },
    secrets: {
      GITHUB_TOKEN: "stand-in-github-token",
      PULUMI_BACKEND_URL: backendUrl,
      PULUMI_PREVIEW_BACKEND_URL: backendUrl,
      PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
      PROMOTION_TOKEN: "stand-in-promotion-token",
    },
    vars: {
      AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/qard-deploy",
      AWS_PREVIEW_ROLE_ARN: "arn:aws:iam::123456789012:role/qard-preview",
    },
  });
  const repository = { full_name: PIPELINE_REPOSITORY, default_branch: "main" };

  return {
    repo,
    staging,
    prod,
    moto,
    github,
    act,
    backendUrl,
    push: (workflow, job) =>
      act.run({
        ...common(),
        workflow: workflowFile(workflow),
        event: "push",
        payload: { ref: "refs/heads/main", after: repo.head(), repository },
        ...(job ? { job } : {}),
      }),
    pullRequest: async (branch, number) => {
      const base = repo.git("rev-parse", "main");
      repo.git("checkout", "-q", branch);
      try {
        return await act.run({
          ...common(),
          workflow: workflowFile("preview.yml"),
          event: "pull_request",
          payload: {
            number,
            repository,
            pull_request: {
              number,
              head: { ref: branch, sha: repo.head(), repo: repository },
              base: { ref: "main", sha: base, repo: repository },
            },
          },
        });
      } finally {
        repo.git("checkout", "-q", "main");
      }
    },
    schedule: (workflow) =>
      act.run({
        ...common(),
        workflow: workflowFile(workflow),
        event: "schedule",
        payload: { schedule: "17 6 * * 1-5", repository },
      }),
    dispose: async () => {
      await Promise.allSettled([staging.close(), prod.close(), github.close(), moto.stop()]);
      rmSync(repo.dir, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    },
  };
}
