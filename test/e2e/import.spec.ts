import { readFile, writeFile } from "node:fs/promises";
import { CreateSecretCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/server.ts";
import { importAccount, type ImportReport } from "../../workflows/import/import-account.ts";
import { readStackProviders, stackFilePath } from "../../workflows/stacks/stack-file.ts";
import { apiCalls, apiWrites } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { call } from "../helpers/emulator.ts";
import { runScript } from "../helpers/run-script.ts";

// Two Qard accounts configured by hand with curl-like calls, each imported into its own stack of one
// project (one state backend, one AWS account): one with credentials by reference, one without.
let withRefs: E2eStack;
let withoutCredentials: E2eStack;
let aws: SecretsManagerClient;
let env: Record<string, string>;

const COMMENT = "# Kept by the import: comments and other keys are not rewritten.";

/** The account as a team configured it before any IaC: the documented calls, in the documented order. */
async function configureByHand(emulator: RunningEmulator, apiKey: string): Promise<void> {
  const put = async (path: string, body: unknown) => {
    const answer = await call(emulator, "PUT", `/api/v6/providers/${path}`, { body, apiKey });
    expect(answer.status, `PUT ${path}`).toBeLessThan(300);
  };
  await put("shopify/credentials", { credentials: { client_id: "by-hand", client_secret: "hand-secret" } });
  await put("shopify/settings", { auto_connect: true });
  await put("shopify", { enable: true });
  await put("comply_cube/settings", { officers_check: true, background_check_nodes_check: true });
  await put("comply_cube", { enable: true });
  await put("company_legal_fr", { enable: true });
  // Configured but left disabled: not imported without --all.
  await put("paypal/settings", { auto_connect: true });
  emulator.control.clearRequests();
}

const importedProviders = (shopifyCredentials?: unknown) => ({
  shopify: {
    enabled: true,
    autoConnect: true,
    ...(shopifyCredentials === undefined ? {} : { credentials: shopifyCredentials }),
  },
  company_legal_fr: { enabled: true, autoConnect: false },
  comply_cube: {
    enabled: true,
    settings: { officers_check: true, beneficial_owners_check: false, background_check_nodes_check: true },
  },
});

const runCli = (args: string[]) => runScript("workflows/import/main.ts", args, env);

beforeAll(async () => {
  withRefs = await createE2eStack({
    name: "import",
    apiKey: "import-key",
    withMoto: true,
    config: () => ({}),
  });
  withoutCredentials = await createE2eStack({
    name: "import-nocred",
    apiKey: "import-nocred-key",
    shareWith: withRefs,
    config: () => ({}),
  });
  env = { ...withRefs.backend.env, ...withRefs.moto!.env };
  aws = withRefs.moto!.secretsClient();
  await configureByHand(withRefs.emulator, "import-key");
  await configureByHand(withoutCredentials.emulator, "import-nocred-key");
  const file = stackFilePath(withRefs.stackName);
  await writeFile(file, `${COMMENT}\n${await readFile(file, "utf8")}`);
});

afterAll(async () => {
  aws?.destroy();
  await withoutCredentials?.dispose();
  await withRefs?.dispose();
});

describe("npm run import, then the first up", () => {
  let report: ImportReport;

  it("declares the enabled providers as Qard has them, with a secret reference per credentialed provider, reading Qard only", async () => {
    const { stackName, emulator } = withRefs;
    const result = await runCli(["--stack", stackName, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    report = JSON.parse(result.stdout) as ImportReport;
    expect(apiCalls(emulator.control)).toEqual(["GET /api/v6/providers"]);
    expect(result.output).not.toContain("import-key");

    const secretId = `qard/${stackName}/shopify`;
    expect(await readStackProviders(stackName)).toEqual(importedProviders({ secretsManager: { secretId } }));
    const text = await readFile(stackFilePath(stackName), "utf8");
    expect(text.startsWith(COMMENT)).toBe(true);
    expect(text).toContain(`qard:apiUrl: ${emulator.baseUrl}`);
    expect(report.secrets).toEqual([
      {
        provider: "shopify",
        secretId,
        keys: [
          { name: "client_id", type: "string" },
          { name: "client_secret", type: "string" },
        ],
      },
    ]);
    expect(report.skipped).toContainEqual({ provider: "paypal", reason: "disabled (--all imports it)" });
    expect(report.firstUpCalls).toEqual(["PUT /api/v6/providers/shopify/credentials"]);
    expect(report.fileWritten).toBe(true);
  });

  it("the first up makes exactly the writes the report announced, then a refreshed preview is clean", async () => {
    const { stack, emulator, record } = withRefs;
    // The secrets the report lists, with the keys it names.
    for (const secret of report.secrets) {
      const value = Object.fromEntries(
        secret.keys.map((key) => [key.name, `${key.name}-from-secrets-manager`]),
      );
      await aws.send(new CreateSecretCommand({ Name: secret.secretId, SecretString: JSON.stringify(value) }));
    }
    await stack.up(record);
    expect(apiWrites(emulator.control)).toEqual(report.firstUpCalls);
    expect(emulator.control.credentialsOf("shopify")).toEqual({
      client_id: "client_id-from-secrets-manager",
      client_secret: "client_secret-from-secrets-manager",
    });
    emulator.control.clearRequests();
    await stack.preview({ refresh: true, expectNoChanges: true, ...record });
    expect(apiWrites(emulator.control)).toEqual([]);
  });

  it("with --without-credentials declares no credentials, and the first up writes nothing at all", async () => {
    const { stackName, stack, emulator, record } = withoutCredentials;
    // This account answers the list in pages of 5, as Qard's other list endpoints do.
    emulator.control.setShapes({ list: "envelope", perPage: 5 });
    let imported: ImportReport;
    try {
      imported = await importAccount({
        stack: stackName,
        all: false,
        withoutCredentials: true,
        secretIdPattern: "unused/{provider}",
        merge: false,
        dryRun: false,
        env: { ...process.env, ...env },
      });
    } finally {
      emulator.control.setShapes({ list: "array" });
    }
    expect(imported.secrets).toEqual([]);
    expect(imported.firstUpCalls).toEqual([]);
    expect(await readStackProviders(stackName)).toEqual(importedProviders());
    expect(apiCalls(emulator.control)).toEqual([
      "GET /api/v6/providers",
      "GET /api/v6/providers",
      "GET /api/v6/providers",
    ]);
    emulator.control.clearRequests();
    await stack.up(record);
    expect(apiWrites(emulator.control)).toEqual([]);
    // Qard keeps the credentials it was given by hand.
    expect(emulator.control.credentialsOf("shopify")).toEqual({
      client_id: "by-hand",
      client_secret: "hand-secret",
    });
    await stack.preview({ refresh: true, expectNoChanges: true, ...record });
    expect(apiWrites(emulator.control)).toEqual([]);
  });
});

describe("npm run import on a stack that already declares the providers", () => {
  it("refuses to overwrite a provider declared differently, showing the difference, and writes nothing", async () => {
    const { stackName, emulator } = withRefs;
    emulator.control.patchProvider("shopify", { settings: { auto_connect: false } });
    emulator.control.clearRequests();
    const before = await readFile(stackFilePath(stackName), "utf8");
    const result = await runCli(["--stack", stackName]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("shopify  settings.auto_connect: declared true, Qard false");
    expect(result.stdout).toContain("run again with --merge");
    expect(await readFile(stackFilePath(stackName), "utf8")).toBe(before);
    expect(apiWrites(emulator.control)).toEqual([]);
  });

  it("refuses when Qard lists one provider twice with different content, naming it, and writes nothing", async () => {
    const { stackName, emulator } = withRefs;
    const listed = await call(emulator, "GET", "/api/v6/providers", { apiKey: "import-key" });
    type Entry = { name: string; enabled: boolean };
    const body = listed.json as Entry[] | { result: Entry[] };
    const entries = Array.isArray(body) ? body : body.result;
    const shopify = entries.find((entry) => entry.name === "shopify");
    expect(shopify).toBeDefined();
    const contradicting = [...entries, { ...shopify, enabled: !shopify?.enabled }];
    emulator.control.addFault({ method: "GET", path: "/api/v6/providers", status: 200, json: contradicting });
    emulator.control.clearRequests();
    const before = await readFile(stackFilePath(stackName), "utf8");
    const result = await runCli(["--stack", stackName, "--merge"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('several entries for "shopify" that disagree');
    expect(await readFile(stackFilePath(stackName), "utf8")).toBe(before);
    expect(apiWrites(emulator.control)).toEqual([]);
    emulator.control.clearFaults();
  });

  it("--merge --dry-run prints the settled file and leaves it untouched", async () => {
    const { stackName, emulator } = withRefs;
    const before = await readFile(stackFilePath(stackName), "utf8");
    const result = await runCli(["--stack", stackName, "--merge", "--dry-run"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Dry run: Pulumi.${stackName}.yaml untouched`);
    expect(result.stdout).toMatch(/shopify:\n\s+enabled: true\n\s+autoConnect: false/);
    expect(await readFile(stackFilePath(stackName), "utf8")).toBe(before);
    expect(apiWrites(emulator.control)).toEqual([]);
  });

  it("--merge settles the declared settings to Qard's, keeps the credentials, and then nothing needs changing", async () => {
    const { stackName, stack, emulator, record } = withRefs;
    const result = await runCli(["--stack", stackName, "--merge"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Wrote Pulumi.${stackName}.yaml`);
    const providers = await readStackProviders(stackName);
    expect(providers.shopify).toEqual({
      enabled: true,
      autoConnect: false,
      credentials: { secretsManager: { secretId: `qard/${stackName}/shopify` } },
    });
    expect(apiWrites(emulator.control)).toEqual([]);
    await stack.preview({ refresh: true, expectNoChanges: true, ...record });
    expect(apiWrites(emulator.control)).toEqual([]);
  });
});

describe("npm run import against a stack that does not exist", () => {
  it("fails as a usage error (64) naming the stack, and creates neither the stack nor its file", async () => {
    const stackName = `${withRefs.stackName}-typo`;
    withRefs.emulator.control.clearRequests();
    const result = await runCli(["--stack", stackName]);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(`No stack named "${stackName}" in this backend (existing stacks: `);
    await expect(readFile(stackFilePath(stackName), "utf8")).rejects.toThrow("ENOENT");
    expect(apiCalls(withRefs.emulator.control)).toEqual([]);
  });
});
