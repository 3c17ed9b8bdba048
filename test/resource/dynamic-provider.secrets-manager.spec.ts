import { CreateSecretCommand, PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import type { ProviderInputs, ProviderOutputs } from "@qard-iac/pulumi-qard/internal";
import { apiCalls, apiWrites } from "../helpers/api-calls.ts";
import { startProviderOnEmulator } from "../helpers/provider-fixture.ts";
import { EMULATOR_API_KEY } from "../helpers/emulator.ts";
import { loadSerializedProvider } from "../helpers/serialized-provider.ts";
import { startTestMoto } from "../helpers/test-moto.ts";

const aws = startTestMoto();
const { emulator, provider } = startProviderOnEmulator();
let counter = 0;

async function createSecret(value: string): Promise<string> {
  const name = `qard/test/shopify-${++counter}`;
  await aws.secrets.send(new CreateSecretCommand({ Name: name, SecretString: value }));
  return name;
}

const reference = (secretId: string) => ({
  providerName: "shopify",
  credentialsRef: { secretId },
  settings: { auto_connect: true },
  enabled: true,
});

/** check (preview) passes; create fails before any write, naming the secret, never quoting the payload. */
async function refusedAtCreate(secretId: string, news: Record<string, unknown>, canary?: string) {
  const checked = await provider.check({}, news);
  expect(checked.failures ?? []).toEqual([]);
  const failure = (await provider.create(checked.inputs).then(
    () => undefined,
    (error: unknown) => error,
  )) as Error;
  expect(failure).toBeInstanceOf(Error);
  expect(failure.message).toContain(secretId);
  if (canary !== undefined) expect(`${failure.message}\n${failure.stack}`).not.toContain(canary);
  expect(apiWrites(emulator.control)).toEqual([]);
  return failure.message;
}

describe("credentials by Secrets Manager reference", () => {
  it("resolves the current version at check, pushes its value at create, keeps only ARN and version in state", async () => {
    const secretId = await createSecret(
      JSON.stringify({ client_id: "ref-id", client_secret: "ref-secret-v1" }),
    );
    const checked = await provider.check({}, reference(secretId));
    expect(checked.failures ?? []).toEqual([]);
    const inputs = checked.inputs as ProviderInputs;
    expect(inputs.credentialsArn).toMatch(
      /^arn:aws:secretsmanager:eu-west-3:\d+:secret:qard\/test\/shopify-/,
    );
    expect(inputs.credentialsVersionId).toMatch(/\S+/);

    const created = await provider.create(inputs);
    expect(emulator.control.credentialsOf("shopify")).toEqual({
      client_id: "ref-id",
      client_secret: "ref-secret-v1",
    });
    const state = JSON.stringify(created.outs);
    expect(state).not.toContain("ref-secret-v1");
    expect(created.outs).toMatchObject({
      credentialsSource: "secretsManager",
      credentialsVersionId: inputs.credentialsVersionId,
    });
  });

  it("turns a rotation into a credentials update: a new version id, then one credentials PUT with the new value", async () => {
    const secretId = await createSecret(
      JSON.stringify({ client_id: "ref-id", client_secret: "ref-secret-v1" }),
    );
    const first = (await provider.check({}, reference(secretId))).inputs as ProviderInputs;
    const outs = (await provider.create(first)).outs as ProviderOutputs;

    const unchanged = (await provider.check(outs, reference(secretId))).inputs as ProviderInputs;
    expect((await provider.diff("shopify", outs, unchanged)).changes).toBe(false);

    await aws.secrets.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        SecretString: JSON.stringify({ client_id: "ref-id", client_secret: "ref-secret-v2" }),
      }),
    );
    const rotated = (await provider.check(outs, reference(secretId))).inputs as ProviderInputs;
    expect(rotated.credentialsVersionId).not.toBe(first.credentialsVersionId);
    expect(await provider.diff("shopify", outs, rotated)).toMatchObject({ changes: true, replaces: [] });

    emulator.control.clearRequests();
    const updated = await provider.update("shopify", outs, rotated);
    expect(apiCalls(emulator.control)).toEqual(["PUT /api/v6/providers/shopify/credentials"]);
    expect(emulator.control.credentialsOf("shopify")?.client_secret).toBe("ref-secret-v2");
    expect(updated.outs).toMatchObject({ credentialsVersionId: rotated.credentialsVersionId });
  });

  it("names a missing secret", async () => {
    const result = await provider.check({}, reference("qard/test/does-not-exist"));
    expect(result.failures).toEqual([
      {
        property: "credentials",
        reason: expect.stringMatching(/secret "qard\/test\/does-not-exist".*was not found/),
      },
    ]);
  });

  it("check reads only the secret's metadata (DescribeSecret), never its value; create reads the value", async () => {
    const secretId = await createSecret(
      JSON.stringify({ client_id: "ref-id", client_secret: "ref-secret-m" }),
    );
    await aws.server.startRecording();
    const checked = await provider.check({}, reference(secretId));
    expect(checked.failures ?? []).toEqual([]);
    expect(await aws.server.secretsActions()).toEqual(["DescribeSecret"]);
    await provider.create(checked.inputs);
    expect(await aws.server.secretsActions()).toEqual(["DescribeSecret", "GetSecretValue"]);
  });

  it("check for a create reads a Qard key kept in Secrets Manager once, for the account check and the lookup", async () => {
    const keyId = await createSecret(EMULATOR_API_KEY);
    const keyedBySecret = await loadSerializedProvider({
      "qard:apiUrl": emulator.baseUrl,
      "qard:apiKeySecretId": keyId,
    });
    await aws.server.startRecording();
    const checked = await keyedBySecret.check({}, { providerName: "shopify", enabled: true });
    expect(checked.failures ?? []).toEqual([]);
    expect(checked.inputs.accountFingerprint).toEqual(expect.any(String));
    expect(await aws.server.secretsActions()).toEqual(["GetSecretValue"]);
    expect(apiCalls(emulator.control)).toEqual(["GET /api/v6/providers"]);
  });

  it("rejects a payload that is not JSON without quoting it, at create, before any write", async () => {
    const secretId = await createSecret("client_secret=not-json-canary");
    const message = await refusedAtCreate(secretId, reference(secretId), "not-json-canary");
    expect(message).toMatch(new RegExp(`secret "${secretId}" .* is not valid JSON`));
  });

  it("names missing and extra keys, never values, at create, before any write", async () => {
    const secretId = await createSecret(JSON.stringify({ client_id: "x", clientSecret: "extra-key-canary" }));
    const message = await refusedAtCreate(secretId, reference(secretId), "extra-key-canary");
    expect(message).toContain('missing key "client_secret"');
    expect(message).toContain('unexpected key "clientSecret"');
    expect(message).toContain("Nothing was written to Qard for it");
  });

  it("refuses an empty or whitespace value in the payload, before any write", async () => {
    const secretId = await createSecret(JSON.stringify({ client_id: "ref-id", client_secret: "  " }));
    const message = await refusedAtCreate(secretId, reference(secretId));
    expect(message).toContain('key "client_secret" is empty');
  });

  it("checks value types from the catalogue (is_sandbox is a boolean)", async () => {
    const secretId = await createSecret(
      JSON.stringify({ is_sandbox: "yes", client_id: "x", client_secret: "y" }),
    );
    const message = await refusedAtCreate(secretId, {
      ...reference(secretId),
      providerName: "paypal",
      settings: {},
    });
    expect(message).toContain('key "is_sandbox" must be a boolean, got a string');
  });

  it("reads the API key from the secret named by qard:apiKeySecretId", async () => {
    const keySecret = `qard/test/api-key-${++counter}`;
    await aws.secrets.send(
      new CreateSecretCommand({
        Name: keySecret,
        SecretString: JSON.stringify({ apiKey: EMULATOR_API_KEY }),
      }),
    );
    const viaSecret = await loadSerializedProvider({
      "qard:apiUrl": emulator.baseUrl,
      "qard:apiKeySecretId": keySecret,
    });
    const inputs = (await viaSecret.check({}, { providerName: "company_legal_fr" })).inputs as ProviderInputs;
    await expect(viaSecret.create(inputs)).resolves.toMatchObject({ id: "company_legal_fr" });
  });
});
