import { readFile, writeFile } from "node:fs/promises";
import { CreateSecretCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStackConfig } from "../../workflows/stacks/stack.ts";
import { promote } from "../../workflows/promote/promote.ts";
import { readStackProviders, stackFilePath } from "../../workflows/stacks/stack-file.ts";
import { apiWrites } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { setProcessEnv } from "../helpers/process-env.ts";
import { runScript } from "../helpers/run-script.ts";

// staging and prod of one project: one state backend, one AWS account (moto), one Qard account each.
let staging: E2eStack;
let prod: E2eStack;
let aws: SecretsManagerClient;
let env: Record<string, string>;
let restoreEnv: (() => void) | undefined;

const ref = (secretId: string) => ({ secretsManager: { secretId } });
const stagingProviders = (autoConnect: boolean) => ({
  shopify: { enabled: true, autoConnect, credentials: ref("qard/staging/shopify") },
  company_legal_fr: { enabled: true, autoConnect: true },
});

async function secret(name: string, value: unknown): Promise<void> {
  await aws.send(
    new CreateSecretCommand({
      Name: name,
      SecretString: typeof value === "string" ? value : JSON.stringify(value),
    }),
  );
}

const runCli = (args: string[]) => runScript("workflows/promote/main.ts", args, env);

beforeAll(async () => {
  staging = await createE2eStack({
    name: "promo-staging",
    apiKey: "staging-key",
    withMoto: true,
    config: () => ({ "qard:providers": stagingProviders(true) }),
  });
  prod = await createE2eStack({
    name: "promo-prod",
    apiKey: "prod-key",
    shareWith: staging,
    config: () => ({
      "qard:providers": {
        shopify: { enabled: true, autoConnect: false, credentials: ref("qard/prod/shopify") },
        company_legal_fr: { enabled: true, autoConnect: true },
        sandbox_public: { enabled: true },
      },
    }),
  });
  env = { ...staging.backend.env, ...staging.moto!.env };
  // promote() checks prod's references from this process, as it would from a pipeline's environment.
  restoreEnv = setProcessEnv(staging.moto!.env);
  aws = staging.moto!.secretsClient();
  await secret("qard/staging/shopify", { client_id: "s", client_secret: "staging-secret" });
  await secret("qard/prod/shopify", { client_id: "p", client_secret: "prod-secret" });
  await prod.stack.up();
});

afterAll(async () => {
  restoreEnv?.();
  aws?.destroy();
  await prod?.dispose();
  await staging?.dispose();
});

describe("npm run promote -- --from staging --to prod", () => {
  it("refuses while staging has never been updated", async () => {
    const result = await runCli(["--from", staging.stackName, "--to", prod.stackName]);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`${staging.stackName} has never been updated`);
  });

  it("refuses when staging's last update failed", async () => {
    staging.emulator.control.addFault({
      method: "PUT",
      path: "/api/v6/providers/company_legal_fr",
      status: 422,
    });
    await expect(staging.stack.up()).rejects.toThrow();
    const report = await promote({ from: staging.stackName, to: prod.stackName, apply: false, env });
    expect(report.refusals).toContainEqual(
      expect.stringMatching(new RegExp(`the last update of ${staging.stackName} .* failed`)),
    );
  });

  it("refuses when staging has drifted, and says how to see it", async () => {
    await staging.stack.up();
    staging.emulator.control.patchProvider("shopify", { enabled: false });
    try {
      const report = await promote({ from: staging.stackName, to: prod.stackName, apply: false, env });
      expect(report.refusals).toEqual([
        `${staging.stackName} is not drift-clean (drift: drift shopify enabled): run \`npm run drift -- --stack ${staging.stackName}\``,
      ]);
    } finally {
      staging.emulator.control.patchProvider("shopify", { enabled: true });
    }
  });

  it("reports every problem with prod's references at once and writes nothing", async () => {
    const before = await readStackProviders(prod.stackName);
    await secret("qard/prod/bad-keys", { clientId: "p", client_secret: "x" });
    await setStackConfig(prod.stack, {
      "qard:providers": {
        shopify: { enabled: true, autoConnect: false, credentials: ref("qard/staging/shopify") },
        company_legal_fr: { enabled: true },
        paypal: { enabled: true, credentials: ref("qard/prod/bad-keys") },
        gocardless: { enabled: true, credentials: ref("qard/prod/missing") },
      },
    });
    try {
      const withBadRefs = await readFile(stackFilePath(prod.stackName), "utf8");
      const report = await promote({ from: staging.stackName, to: prod.stackName, apply: false, env });
      expect(report.refusals).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/shopify: uses the same secret as .* \("qard\/staging\/shopify"\)/),
          expect.stringMatching(
            /paypal: secret "qard\/prod\/bad-keys": missing keys "is_sandbox", "client_id"; unexpected key "clientId"/,
          ),
          expect.stringMatching(/gocardless: secret "qard\/prod\/missing" .* was not found/),
        ]),
      );
      expect(report.refusals).toHaveLength(3);
      expect(JSON.stringify(report)).not.toMatch(/staging-secret|prod-secret/);
      expect(await readFile(stackFilePath(prod.stackName), "utf8")).toBe(withBadRefs);
    } finally {
      await setStackConfig(prod.stack, { "qard:providers": prodProviders() });
    }
    expect(await readStackProviders(prod.stackName)).toEqual(before);
  });

  it("--markdown prints a pull request body: the settings diff and prod's preview, no secret", async () => {
    await setStackConfig(staging.stack, { "qard:providers": stagingProviders(true) });
    await staging.stack.up();
    const before = await readFile(stackFilePath(prod.stackName), "utf8");
    try {
      const result = await runCli(["--from", staging.stackName, "--to", prod.stackName, "--markdown"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^### Promote `.*` → `.*`/);
      expect(result.stdout).toContain("| `shopify` | `settings.auto_connect` | `false` | `true` |");
      expect(result.stdout).toMatch(/```diff\n[\s\S]*~ auto_connect\s*: false => true[\s\S]*```/);
      // The engine's progress streamed to stderr: stdout is the body alone, from its heading on.
      expect(result.stderr).toContain("Previewing update");
      expect(result.output).not.toMatch(/staging-secret|prod-secret/);
    } finally {
      await writeFile(stackFilePath(prod.stackName), before);
    }
  });

  it("promotes staging's settings into prod's stack file, previews prod, and changes nothing without --apply", async () => {
    await setStackConfig(staging.stack, { "qard:providers": stagingProviders(true) });
    await staging.stack.up();
    prod.emulator.control.clearRequests();
    const result = await runCli(["--from", staging.stackName, "--to", prod.stackName]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("shopify  settings.auto_connect: false → true");
    expect(result.stdout).toMatch(/~ auto_connect\s*: false => true/);
    expect(result.stdout).toContain(`Wrote Pulumi.${prod.stackName}.yaml`);
    expect(await readStackProviders(prod.stackName)).toEqual({
      ...prodProviders(),
      shopify: { enabled: true, autoConnect: true, credentials: ref("qard/prod/shopify") },
    });
    expect(apiWrites(prod.emulator.control)).toEqual([]);
  });

  it("with --apply updates prod with one settings PUT", async () => {
    prod.emulator.control.clearRequests();
    const report = await promote({ from: staging.stackName, to: prod.stackName, apply: true, env });
    expect(report).toMatchObject({ refusals: [], applied: true, fileWritten: false });
    expect(apiWrites(prod.emulator.control)).toEqual(["PUT /api/v6/providers/shopify/settings"]);
    expect(prod.emulator.control.credentialsOf("shopify")?.client_secret).toBe("prod-secret");
  });
});

function prodProviders() {
  return {
    shopify: { enabled: true, autoConnect: false, credentials: ref("qard/prod/shopify") },
    company_legal_fr: { enabled: true, autoConnect: true },
    sandbox_public: { enabled: true },
  };
}
