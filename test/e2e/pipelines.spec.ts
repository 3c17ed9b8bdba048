import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "../../emulator/server.ts";
import { apiWrites } from "../helpers/api-calls.ts";
import { missingPipelineTools } from "../pipelines/act-run.ts";
import {
  createPipelineWorld,
  PROD_KEY,
  STAGING_KEY,
  type PipelineWorld,
} from "../pipelines/pipeline-world.ts";

// The workflows of .github/workflows, run by nektos/act on this machine as GitHub runs them for each event:
// PR previews, push-to-main deploys behind the production gate, a promotion whose run was cancelled, the
// scheduled drift check with its issues, and unattended repairs under each allowance. Qard is two emulators
// (staging's account, prod's), AWS is moto (Secrets Manager, STS, the S3 state backend), GitHub's API is
// the stand-in of test/pipelines. One world for the file: each test continues from the last.
// A workflow run installs packages, builds the library and runs the engine in each job: minutes, not seconds.
vi.setConfig({ testTimeout: 900_000, hookTimeout: 300_000 });
let world: PipelineWorld;
const missing = missingPipelineTools();
const inCi = Boolean(process.env.CI);
if (missing.length > 0 && !inCi) {
  console.warn(
    `pipelines.spec.ts skipped: ${missing.join(", ")} not installed (\`npm run setup\` builds them).`,
  );
}
const runs = missing.length === 0 || inCi;

beforeAll(async () => {
  if (!runs) return;
  if (missing.length > 0)
    throw new Error(`The workflow runs need ${missing.join(", ")}: run \`npm run setup\``);
  world = await createPipelineWorld();
});

afterAll(async () => {
  await world?.dispose();
});

interface QardProvider {
  name: string;
  enabled: boolean;
  auto_connect: boolean;
}

async function providerIn(emulator: RunningEmulator, key: string, name: string): Promise<QardProvider> {
  const answer = await fetch(`${emulator.baseUrl}/api/v6/providers`, { headers: { "X-API-KEY": key } });
  const list = (await answer.json()) as QardProvider[];
  const provider = list.find((p) => p.name === name);
  if (!provider) throw new Error(`${name} is not in Qard's list`);
  return provider;
}

const prodShopify = () => providerIn(world.prod, PROD_KEY, "shopify");
const editProd = (edit: (text: string) => string) =>
  world.repo.write("Pulumi.prod.yaml", edit(world.repo.read("Pulumi.prod.yaml")));
const openIssues = (label: string) =>
  world.github.issues.filter((i) => !i.pullRequest && i.state === "open" && i.labels.includes(label));
const failed = (run: { log: string }) => `act's log:\n${run.log.slice(-6000)}`;

describe.runIf(runs)("deploy.yml on a push to main", () => {
  it("updates staging; prod's preview finds the changes and saves a plan; prod waits behind the gate", async () => {
    const run = await world.push("deploy.yml", "prod-plan");
    expect(run.jobs.staging, failed(run)).toBe("success");
    expect(run.jobs["prod-plan"], failed(run)).toBe("success");
    expect(run.jobs.prod).toBe("skipped");
    expect((await providerIn(world.staging, STAGING_KEY, "shopify")).enabled).toBe(true);
    expect(world.staging.control.credentialsOf("shopify")).toMatchObject({ client_id: "s-id" });
    // Prod was read (the preview refreshes), never written: the approval has not been given.
    expect(apiWrites(world.prod.control)).toEqual([]);
    expect(run.jobLog("prod-plan")).toMatch(/Prod preview \(the plan the prod job applies\)/);
    expect(run.jobLog("prod-plan")).toMatch(/\+ 3 to create/);
    // The first job installs and builds; the next, with the same lockfile and sources, restores both.
    expect(run.jobLog("staging")).toMatch(/Run Main Install packages \(no install scripts\)/);
    expect(run.jobLog("staging")).toMatch(/Run Main Build the library/);
    expect(run.jobLog("prod-plan")).toMatch(/Cache restored from key: qard-packages-/);
    expect(run.jobLog("prod-plan")).toMatch(/Cache restored from key: qard-library-/);
    expect(run.jobLog("prod-plan")).not.toMatch(/Run Main (Install packages \(no install|Build the library)/);
  });

  it("once approved, the prod job applies the saved plan with prod's own key and secrets", async () => {
    const run = await world.push("deploy.yml");
    expect(run.jobs.prod, failed(run)).toBe("success");
    expect(run.jobLog("prod")).toMatch(/Update prod with the approved plan/);
    const shopify = await prodShopify();
    expect(shopify).toMatchObject({ enabled: true, auto_connect: false });
    expect(world.prod.control.credentialsOf("shopify")).toMatchObject({ client_id: "p-id" });
    // Each account only ever saw its own key: any other key answers 401, and none did.
    for (const emulator of [world.staging, world.prod])
      expect(emulator.control.requests().filter((r) => r.status === 401)).toEqual([]);
  });
});

describe.runIf(runs)("preview.yml on a pull request", () => {
  it("a promotion PR (Pulumi.prod.yaml only) previews prod alone, comments its diff, writes nothing", async () => {
    world.repo.git("checkout", "-q", "-b", "promote");
    editProd((text) => text.replace("autoConnect: false", "autoConnect: true"));
    world.repo.commit("Promote autoConnect to prod");
    world.repo.git("checkout", "-q", "main");
    world.staging.control.clearRequests();
    world.prod.control.clearRequests();
    const pr = world.github.openPullRequest("Promote staging's settings to prod");
    const run = await world.pullRequest("promote", pr);
    expect(run.jobs.stacks, failed(run)).toBe("success");
    expect(run.jobs["preview-staging"]).toBe("skipped");
    expect(run.jobs["preview-prod"], failed(run)).toBe("success");
    const comments = world.github.issues.find((i) => i.number === pr)!.comments;
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(/preview` on prod/);
    expect(comments[0]).toMatch(/auto_connect\s*: false => true/);
    expect(comments[0]).toMatch(/qard-guardrails/);
    expect([...apiWrites(world.staging.control), ...apiWrites(world.prod.control)]).toEqual([]);
  });

  it("a PR that changes the program previews both stacks; disabling a prod provider without a reviewed allowance fails prod's on the policy", async () => {
    world.repo.git("checkout", "-q", "-b", "disable");
    world.repo.write("infra/main.ts", `${world.repo.read("infra/main.ts")}\n// A reviewed change.\n`);
    // A change to the library's source too: the jobs must build it, not restore main's build.
    const librarySource = "providers/src/index.ts";
    world.repo.write(librarySource, `${world.repo.read(librarySource)}\n// A reviewed change.\n`);
    editProd((text) => text.replace(/(company_legal_fr:\n\s+enabled:) true/, "$1 false"));
    world.repo.commit("A change to the program; company_legal_fr off in prod");
    world.repo.git("checkout", "-q", "main");
    const run = await world.pullRequest("disable", world.github.openPullRequest("Disable"));
    expect(run.jobs["preview-staging"], failed(run)).toBe("success");
    expect(run.jobs["preview-prod"]).toBe("failure");
    expect(run.jobLog("preview-prod")).toMatch(/qard-reviewed-disable/);
    expect(run.jobLog("preview-prod")).toMatch(/disables this provider \(enabled: false\)/);
    for (const job of ["preview-staging", "preview-prod"]) {
      expect(run.jobLog(job)).toMatch(/Cache restored from key: qard-packages-/);
      expect(run.jobLog(job)).toMatch(/Run Main Build the library/);
    }
  });
});

describe.runIf(runs)("a promotion whose deploy run was cancelled still reaches prod", () => {
  it("the merge's run stops at the gate; the next push's prod preview finds the promotion and applies it", async () => {
    world.repo.git("merge", "-q", "--ff-only", "promote");
    const merged = await world.push("deploy.yml", "prod-plan");
    expect(merged.jobs["prod-plan"], failed(merged)).toBe("success");
    expect(merged.jobLog("prod-plan")).toMatch(/auto_connect\s*: false => true/);
    // That run is cancelled while it waits for the approval (a newer push): its prod job never runs.
    expect((await prodShopify()).auto_connect).toBe(false);
    world.repo.write("docs/pipelines-note.md", "A newer push, about something else.\n");
    world.repo.commit("docs: a newer push");
    const next = await world.push("deploy.yml");
    expect(next.jobs.prod, failed(next)).toBe("success");
    expect((await prodShopify()).auto_connect).toBe(true);
  });
});

describe.runIf(runs)("drift.yml on its schedule", () => {
  it("finds a provider disabled out of band and opens one qard-drift issue; prod allows no repair", async () => {
    world.prod.control.patchProvider("shopify", { enabled: false });
    const run = await world.schedule("drift.yml");
    expect(run.jobs.drift).toBe("failure");
    expect(run.jobLog("drift")).toMatch(/exit status 10/);
    expect(run.jobs.remediate).toBe("skipped");
    expect(openIssues("qard-drift")).toHaveLength(1);
    expect(openIssues("qard-drift")[0]!.body).toMatch(/Drift: Qard's prod configuration was changed/);
    expect(openIssues("qard-drift")[0]!.body).toMatch(/shopify/);
  });

  it("a check that cannot run (a refused key) opens its own qard-drift-check issue, errorKind authentication", async () => {
    const aws = world.moto.secretsClient();
    await aws.send(new PutSecretValueCommand({ SecretId: "qard/prod/api-key", SecretString: "revoked" }));
    try {
      const run = await world.schedule("drift.yml");
      expect(run.jobs.drift).toBe("failure");
      expect(run.jobLog("drift")).toMatch(/exit status 3/);
      expect(openIssues("qard-drift-check")).toHaveLength(1);
      expect(openIssues("qard-drift-check")[0]!.title).toMatch(/authentication/);
      // "prod drifted" and "we cannot tell" never read alike: the drift issue is untouched.
      expect(openIssues("qard-drift")[0]!.comments).toEqual([]);
    } finally {
      await aws.send(new PutSecretValueCommand({ SecretId: "qard/prod/api-key", SecretString: PROD_KEY }));
      aws.destroy();
    }
  });
});

describe.runIf(runs)("drift.yml's unattended repair under each allowance", () => {
  it("allowance [enabled, settings]: the remediate job re-enables the provider; both issues are closed, the drift one with the record", async () => {
    editProd((text) => text.replace("config:\n", "config:\n  qard:driftRemediation: [enabled, settings]\n"));
    world.repo.commit("prod allows unattended repairs of enabled and settings");
    const run = await world.schedule("drift.yml");
    expect(run.jobs.drift).toBe("failure"); // the finding is reported, then repaired
    expect(run.jobs.remediate, failed(run)).toBe("success");
    expect((await prodShopify()).enabled).toBe(true);
    expect(openIssues("qard-drift")).toEqual([]);
    expect(openIssues("qard-drift-check")).toEqual([]);
    const issue = world.github.issues.find((i) => i.labels.includes("qard-drift"))!;
    expect(issue.state).toBe("closed");
    expect(issue.comments.at(-1)).toMatch(/Drift remediation/);
    expect(issue.comments.at(-1)).toMatch(/\| drift \| ` shopify ` \| ` enabled ` \|/);
  });

  it("allowance [settings]: a disabled provider is left for review; a new issue says so and stays open", async () => {
    editProd((text) =>
      text.replace("qard:driftRemediation: [enabled, settings]", "qard:driftRemediation: [settings]"),
    );
    world.repo.commit("prod allows unattended repairs of settings only");
    world.prod.control.patchProvider("shopify", { enabled: false });
    const run = await world.schedule("drift.yml");
    expect(run.jobs.remediate).toBe("failure");
    expect(run.jobLog("remediate")).toMatch(/Some findings wait for review \(exit 10\)/);
    expect((await prodShopify()).enabled).toBe(false);
    expect(openIssues("qard-drift")).toHaveLength(1);
    expect(openIssues("qard-drift")[0]!.comments.at(-1)).toMatch(/Left for review\*\*: 1/);
  });

  it("once prod is clean again, the next scheduled check closes the issue", async () => {
    world.prod.control.patchProvider("shopify", { enabled: true }); // someone re-enabled it in Qard
    const run = await world.schedule("drift.yml");
    expect(run.jobs.drift, failed(run)).toBe("success");
    expect(run.jobs.remediate).toBe("skipped");
    expect(openIssues("qard-drift")).toEqual([]);
    expect(
      world.github.issues
        .filter((i) => i.labels.includes("qard-drift"))
        .at(-1)!
        .comments.at(-1),
    ).toMatch(/found prod clean again/);
  });
});
