import { CreateSecretCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStackConfig } from "../../workflows/stacks/stack.ts";
import { apiCalls, apiWrites } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";

let e2e: E2eStack;
let aws: SecretsManagerClient;

beforeAll(async () => {
  e2e = await createE2eStack({
    name: "bad",
    apiKey: "e2e-bad-input-key",
    withMoto: true,
    config: () => ({ "qard:providers": { company_legal_fr: { enabled: true } } }),
  });
  aws = e2e.moto!.secretsClient();
});

afterAll(async () => {
  aws?.destroy();
  await e2e?.dispose();
});

describe("11. bad input fails before any write, saying what to fix", () => {
  it("bad stack config names the stack, the key and the command", async () => {
    await setStackConfig(e2e.stack, { "qard:providers": { shopify: { enabled: "yes" } } });
    const error = (await e2e.stack.up({ ...e2e.record }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(`Stack "${e2e.stackName}" has invalid Qard configuration`);
    expect(error.message).toContain(`qard:providers.shopify.enabled`);
    expect(error.message).toContain(
      `pulumi config set --path 'qard:providers.shopify.enabled' <value> --stack ${e2e.stackName}`,
    );
    expect(apiCalls(e2e.emulator.control)).toEqual([]);
  });

  it("a secret payload that is not JSON names the secret and never shows the payload", async () => {
    await aws.send(
      new CreateSecretCommand({ Name: "qard/bad/not-json", SecretString: "client_secret=payload-canary-31" }),
    );
    await setStackConfig(e2e.stack, {
      "qard:providers": { shopify: { credentials: { secretsManager: { secretId: "qard/bad/not-json" } } } },
    });
    const error = (await e2e.stack.up({ ...e2e.record }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/secret "qard\/bad\/not-json" \([^)]+\) is not valid JSON/);
    expect(error.message).not.toContain("payload-canary-31");
    expect(apiWrites(e2e.emulator.control)).toEqual([]);
  });

  it("a secret with the wrong keys names the secret and the keys", async () => {
    await aws.send(
      new CreateSecretCommand({
        Name: "qard/bad/keys",
        SecretString: JSON.stringify({ clientId: "a", client_secret: "keys-canary-77" }),
      }),
    );
    await setStackConfig(e2e.stack, {
      "qard:providers": { shopify: { credentials: { secretsManager: { secretId: "qard/bad/keys" } } } },
    });
    const error = (await e2e.stack.up({ ...e2e.record }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /secret "qard\/bad\/keys" .* missing key "client_id"; unexpected key "clientId"/,
    );
    expect(error.message).not.toContain("keys-canary-77");
    expect(apiWrites(e2e.emulator.control)).toEqual([]);
  });

  it("a missing secret is named", async () => {
    await setStackConfig(e2e.stack, {
      "qard:providers": { shopify: { credentials: { secretsManager: { secretId: "qard/bad/missing" } } } },
    });
    const error = (await e2e.stack.up({ ...e2e.record }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /secret "qard\/bad\/missing" \(stage AWSCURRENT\) was not found in Secrets Manager/,
    );
    expect(apiWrites(e2e.emulator.control)).toEqual([]);
  });
});
