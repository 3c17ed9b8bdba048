import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/server.ts";
import { projectRoot } from "../../infra/project-root.ts";
import { apiCalls, apiWrites } from "../helpers/api-calls.ts";
import { call } from "../helpers/emulator.ts";
import { createTestBackend, type TestBackend } from "../helpers/pulumi-backend.ts";
import {
  cliOrSkipReason,
  findOfficialCli,
  findOldestSupportedCli,
  oldestSupportedVersion,
  runPulumi,
} from "../helpers/official-cli.ts";
import { runCommand } from "../helpers/run-script.ts";

interface CliResult {
  code: number | null;
  /** stdout, then stderr. */
  output: string;
}

// This repo's own program (Pulumi.yaml → infra/main.ts) run by the plain `pulumi` CLI, command by command,
// as a pipeline runs it: no Automation API anywhere. Twice: with the CLI setup uses (a user's own, or the
// pinned version built here) and with the oldest version the project supports. Skipped, with the reason in
// its title, where a CLI or the Node.js language host is missing; in CI that is a failure instead.
const variants = [
  { name: "the pulumi CLI", ...cliOrSkipReason(findOfficialCli()), oldest: false },
  { name: "the oldest supported pulumi CLI", ...cliOrSkipReason(findOldestSupportedCli()), oldest: true },
];

const API_KEY = "cli-e2e-api-key-7f3a";
const CLIENT_SECRET = "cli-e2e-shopify-secret-91bd";

describe.each(variants)("$name on this repo's program $skipReason", ({ cli, oldest }) => {
  if (cli === undefined) {
    it.skip("needs the CLI and its language host", () => {});
    return;
  }
  const stackName = `e2e-cli-${randomBytes(3).toString("hex")}`;
  // The CLI writes the stack's config beside Pulumi.yaml; the name is git-ignored (Pulumi.e2e-*.yaml).
  const stackFile = path.join(projectRoot(), `Pulumi.${stackName}.yaml`);
  const printed: string[] = [];
  let backend: TestBackend;
  let emulator: RunningEmulator;
  let env: Record<string, string>;

  /** Runs the CLI in the project folder, as a pipeline does from a checkout. */
  async function run(args: string[]): Promise<CliResult> {
    const { code, stdout, stderr } = await runPulumi(cli!, args, { cwd: projectRoot(), env });
    return { code, output: stdout + stderr };
  }

  async function pulumi(...args: string[]): Promise<CliResult> {
    const result = await run([...args, "--stack", stackName]);
    printed.push(result.output);
    return result;
  }

  /**
   * `npm run pulumi -- <args>` runs this script: the project's wrapper around the CLI setup uses. With the
   * oldest CLI, the same command runs that CLI directly.
   */
  async function npmRunPulumi(...args: string[]): Promise<CliResult> {
    if (oldest) return pulumi(...args);
    const { code, stdout, stderr } = await runCommand(
      "bash",
      ["scripts/with-tools.sh", "pulumi", ...args, "--stack", stackName],
      { cwd: projectRoot(), env: { ...process.env, ...env } },
    );
    printed.push(stdout + stderr);
    return { code, output: stdout + stderr };
  }

  async function checkpoint(): Promise<string> {
    return readFile(path.join(backend.dir, ".pulumi", "stacks", "qard-iac", `${stackName}.json`), "utf8");
  }

  async function shopifyEnabled(): Promise<unknown> {
    const answer = await call(emulator, "GET", "/api/v6/providers/shopify", { apiKey: API_KEY });
    return (answer.json as { enabled?: unknown }).enabled;
  }

  beforeAll(async () => {
    backend = await createTestBackend();
    emulator = await startEmulator({ apiKeys: [API_KEY] });
    env = backend.env;
  });

  afterAll(async () => {
    try {
      await run(["stack", "rm", "--yes", "--force", "--stack", stackName]);
    } finally {
      await rm(stackFile, { force: true });
      await emulator?.close();
      await backend?.remove();
    }
  });

  if (oldest) {
    it("is the oldest version scripts/setup.sh supports", async () => {
      const version = await run(["version"]);
      expect(version.output.trim()).toBe(`v${oldestSupportedVersion()}`);
    });
  }

  it("stack init and config set write a stack file where the API key and credentials are encrypted", async () => {
    const init = await run(["stack", "init", stackName]);
    expect(init.code, init.output).toBe(0);
    const commands = [
      ["config", "set", "qard:apiUrl", emulator.baseUrl],
      ["config", "set", "--secret", "qard:apiKey", API_KEY],
      ["config", "set", "--path", "qard:providers.shopify.autoConnect", "true"],
      ["config", "set", "--secret", "--path", "qard:providers.shopify.credentials.client_id", "shop-id"],
      [
        "config",
        "set",
        "--secret",
        "--path",
        "qard:providers.shopify.credentials.client_secret",
        CLIENT_SECRET,
      ],
      ["config", "set", "--path", "qard:providers.company_legal_fr.enabled", "true"],
    ];
    for (const command of commands) {
      const result = await pulumi(...command);
      expect(result.code, `pulumi ${command.join(" ")}: ${result.output}`).toBe(0);
    }
    const file = await readFile(stackFile, "utf8");
    expect(file).toContain(`qard:apiUrl: ${emulator.baseUrl}`);
    expect(file).toMatch(/qard:apiKey:\s+secure: v1:/);
    expect(file).toMatch(/client_secret:\s+secure: v1:/);
    expect(file).not.toContain(API_KEY);
    expect(file).not.toContain(CLIENT_SECRET);
  });

  it("preview shows the providers to create, reading Qard's provider list once and writing nothing", async () => {
    const preview = await pulumi("preview");
    expect(preview.code, preview.output).toBe(0);
    expect(preview.output).toMatch(/\+\s+pulumi-nodejs:dynamic\/qard:ProviderConfig\s+shopify\s+create/);
    expect(preview.output).toMatch(
      /\+\s+pulumi-nodejs:dynamic\/qard:ProviderConfig\s+company_legal_fr\s+create/,
    );
    // One read of the documented list, shared by both resources: a create must see what Qard holds.
    expect(apiCalls(emulator.control)).toEqual(["GET /api/v6/providers"]);
  });

  it("up --yes configures each provider: credentials, settings, enable", async () => {
    const up = await pulumi("up", "--yes");
    expect(up.code, up.output).toBe(0);
    expect(up.output).toMatch(/\+ 3 created/);
    const shopifyWrites = apiWrites(emulator.control).filter((line) => line.includes("/shopify"));
    expect(shopifyWrites).toEqual([
      "PUT /api/v6/providers/shopify/credentials",
      "PUT /api/v6/providers/shopify/settings",
      "PUT /api/v6/providers/shopify",
    ]);
    expect(emulator.control.credentialsOf("shopify")).toEqual({
      client_id: "shop-id",
      client_secret: CLIENT_SECRET,
    });
  });

  it("preview --refresh --expect-no-changes exits 0 on a clean stack, with one list read for both providers", async () => {
    emulator.control.clearRequests();
    const check = await pulumi("preview", "--refresh", "--expect-no-changes");
    expect(check.code, check.output).toBe(0);
    expect(apiCalls(emulator.control)).toEqual(["GET /api/v6/providers"]);
  });

  it("preview --refresh --expect-no-changes fails, naming the property, after an out-of-band change", async () => {
    const patched = await call(emulator, "PATCH", "/_emulator/providers/shopify", {
      body: { enabled: false },
    });
    expect(patched.status).toBe(200);
    emulator.control.clearRequests();
    const check = await pulumi("preview", "--refresh", "--expect-no-changes", "--diff");
    expect(check.code).not.toBe(0);
    expect(check.output).toMatch(/no changes were expected/);
    expect(check.output).toMatch(/~ enabled\s*: false => true/);
    expect(apiWrites(emulator.control)).toEqual([]);
  });

  it("npm run pulumi -- up --refresh --yes restores it with one PUT", async () => {
    emulator.control.clearRequests();
    const up = await npmRunPulumi("up", "--refresh", "--yes");
    expect(up.code, up.output).toBe(0);
    expect(apiWrites(emulator.control)).toEqual(["PUT /api/v6/providers/shopify"]);
    expect(await shopifyEnabled()).toBe(true);
  });

  it("nothing the CLI printed and nothing in the state holds the API key or a credential in plaintext", async () => {
    const state = await checkpoint();
    expect(state).toContain("qard:ProviderConfig");
    for (const text of [state, ...printed]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(CLIENT_SECRET);
    }
  });

  it("destroy --yes disables every provider", async () => {
    emulator.control.clearRequests();
    const destroy = await pulumi("destroy", "--yes");
    expect(destroy.code, destroy.output).toBe(0);
    expect(apiWrites(emulator.control).sort()).toEqual([
      "PUT /api/v6/providers/company_legal_fr",
      "PUT /api/v6/providers/shopify",
    ]);
    expect(emulator.control.requests().map((request) => request.body)).toEqual([
      { enable: false },
      { enable: false },
    ]);
    expect(await shopifyEnabled()).toBe(false);
  });
});
