import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { setStackConfig } from "../../workflows/stacks/stack.ts";
import { checkDrift } from "../../workflows/stacks/drift-check/check-drift.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { runScript } from "../helpers/run-script.ts";

const API_KEY = "e2e-drift-api-key";
const SECRET_ID = "qard/drift/shopify";
let e2e: E2eStack;
let aws: SecretsManagerClient;
let env: Record<string, string>;

const providers = (autoConnect = true) => ({
  shopify: { autoConnect, credentials: { secretsManager: { secretId: SECRET_ID } } },
  company_legal_fr: { enabled: true },
});

const runCli = (args: string[]) => runScript("workflows/drift/main.ts", args, env);

async function checkpoint(): Promise<string> {
  return readFile(
    path.join(e2e.backend.dir, ".pulumi", "stacks", "qard-iac", `${e2e.stackName}.json`),
    "utf8",
  );
}

beforeAll(async () => {
  e2e = await createE2eStack({
    name: "drift",
    apiKey: API_KEY,
    withMoto: true,
    config: () => ({ "qard:providers": providers() }),
  });
  env = { ...e2e.backend.env, ...e2e.moto!.env };
  aws = e2e.moto!.secretsClient();
  await aws.send(
    new CreateSecretCommand({
      Name: SECRET_ID,
      SecretString: JSON.stringify({ client_id: "a", client_secret: "drift-v1" }),
    }),
  );
  await e2e.stack.up();
});

afterAll(async () => {
  aws?.destroy();
  await e2e?.dispose();
});

describe("npm run drift through the engine", () => {
  it("is clean (exit 0) right after up, and writes no state", async () => {
    const before = await checkpoint();
    const result = await runCli(["--stack", e2e.stackName, "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "clean", exitCode: 0, findings: [] });
    expect(await checkpoint()).toBe(before);
  });

  it("classifies a change made in Qard as drift (exit 10), naming the property", async () => {
    e2e.emulator.control.patchProvider("shopify", { enabled: false });
    try {
      const before = await checkpoint();
      const result = await runCli(["--stack", e2e.stackName, "--markdown"]);
      expect(result.code).toBe(10);
      expect(result.stdout).toContain("| drift | ` shopify ` | ` enabled ` | ` true ` | ` false ` |");
      expect(await checkpoint()).toBe(before);
    } finally {
      e2e.emulator.control.patchProvider("shopify", { enabled: true });
    }
  });

  it("reads the state as stored, never decrypted, and asks the backend's URL once", async () => {
    // The Automation API's exportStack is `stack export --show-secrets`: it needs the stack's passphrase
    // or KMS key and puts every secret of the state in plaintext in this process.
    const decrypting = vi.spyOn(LocalWorkspace.prototype, "exportStack");
    const whoAmI = vi.spyOn(LocalWorkspace.prototype, "whoAmI");
    try {
      const report = await checkDrift({ stackName: e2e.stackName, env });
      expect(report).toMatchObject({ status: "clean", exitCode: 0 });
      expect(decrypting).not.toHaveBeenCalled();
      expect(whoAmI).toHaveBeenCalledTimes(1);
    } finally {
      decrypting.mockRestore();
      whoAmI.mockRestore();
    }
  });

  it("classifies a stack config edit as a pending config change (exit 11)", async () => {
    await setStackConfig(e2e.stack, { "qard:providers": providers(false) });
    try {
      const report = await checkDrift({ stackName: e2e.stackName, env });
      expect(report).toMatchObject({
        status: "config",
        exitCode: 11,
        findings: [
          { kind: "config", provider: "shopify", property: "settings.auto_connect", old: true, new: false },
        ],
      });
    } finally {
      await setStackConfig(e2e.stack, { "qard:providers": providers(true) });
    }
  });

  it("classifies a new secret version as a pending rotation (exit 12), which outranks drift", async () => {
    await aws.send(
      new PutSecretValueCommand({
        SecretId: SECRET_ID,
        SecretString: JSON.stringify({ client_id: "a", client_secret: "drift-v2" }),
      }),
    );
    e2e.emulator.control.patchProvider("company_legal_fr", { enabled: false });
    try {
      const report = await checkDrift({ stackName: e2e.stackName, env });
      expect(report.status).toBe("rotation");
      expect(report.exitCode).toBe(12);
      expect(report.findings.map((f) => `${f.kind} ${f.provider} ${f.property}`).sort()).toEqual([
        "drift company_legal_fr enabled",
        "rotation shopify credentialsVersionId",
      ]);
      expect(JSON.stringify(report)).not.toContain("drift-v2");
    } finally {
      e2e.emulator.control.patchProvider("company_legal_fr", { enabled: true });
    }
  });

  it("reports a check refused by Qard as an authentication error (Pulumi's exit 3) with the reason", async () => {
    // As if the API key had been revoked: Qard answers 401 to the refresh's reads.
    e2e.emulator.control.addFault({ method: "GET", path: "/api/v6/providers*", status: 401, times: 100 });
    const result = await runCli(["--stack", e2e.stackName]).finally(() => e2e.emulator.control.clearFaults());
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/The drift check failed/);
    expect(result.stdout).toMatch(/401/);
    expect(result.stdout + result.stderr).not.toContain(API_KEY);
  });
});
