/**
 * The stack's own API key source wins over QARD_API_KEY, through the serialized provider against the
 * emulator, which accepts only the stack's key: the variable holds another account's key.
 */
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import type { ProviderInputs } from "@qard-iac/pulumi-qard/internal";
import { apiCalls } from "../helpers/api-calls.ts";
import { EMULATOR_API_KEY, startTestEmulator } from "../helpers/emulator.ts";
import { setProcessEnv } from "../helpers/process-env.ts";
import { loadSerializedProvider } from "../helpers/serialized-provider.ts";
import { startTestMoto } from "../helpers/test-moto.ts";

const OTHER_ACCOUNT_KEY = "other-account-key-from-the-job";
const aws = startTestMoto();
const emulator = startTestEmulator();

async function createWith(stackConfig: Record<string, string>): Promise<unknown> {
  const restore = setProcessEnv({ QARD_API_KEY: OTHER_ACCOUNT_KEY });
  try {
    const provider = await loadSerializedProvider({ "qard:apiUrl": emulator.baseUrl, ...stackConfig });
    const inputs = (await provider.check({}, { providerName: "company_legal_fr" })).inputs as ProviderInputs;
    return await provider.create(inputs);
  } finally {
    restore();
  }
}

describe("with QARD_API_KEY set to another account's key", () => {
  it("qard:apiKeySecretId wins: the stack's account is written", async () => {
    const secretId = "qard/test/precedence-api-key";
    await aws.secrets.send(new CreateSecretCommand({ Name: secretId, SecretString: EMULATOR_API_KEY }));
    emulator.control.clearRequests();
    await expect(createWith({ "qard:apiKeySecretId": secretId })).resolves.toMatchObject({
      id: "company_legal_fr",
    });
    // Every call was made with the stack's key (the emulator answers 401 to any other).
    expect(emulator.control.requests().every((r) => r.status < 400)).toBe(true);
    expect(apiCalls(emulator.control)).toContain("PUT /api/v6/providers/company_legal_fr");
  });

  it("qard:apiKey wins", async () => {
    await expect(createWith({ "qard:apiKey": EMULATOR_API_KEY })).resolves.toMatchObject({
      id: "company_legal_fr",
    });
  });

  it("both stack sources at once are refused before any call", async () => {
    emulator.control.clearRequests();
    await expect(
      createWith({ "qard:apiKey": EMULATOR_API_KEY, "qard:apiKeySecretId": "qard/test/precedence-api-key" }),
    ).rejects.toThrow(/both qard:apiKey and qard:apiKeySecretId: keep one/);
    expect(emulator.control.requests()).toEqual([]);
  });
});

/** What `check` of a new resource answers (a preview), with QARD_API_KEY as given. */
async function checkNew(stackConfig: Record<string, string>, environmentKey?: string) {
  const restore = setProcessEnv({ QARD_API_KEY: environmentKey });
  try {
    const provider = await loadSerializedProvider({ "qard:apiUrl": emulator.baseUrl, ...stackConfig });
    return await provider.check({}, { providerName: "company_legal_fr" });
  } finally {
    restore();
  }
}

describe("a preview of a new resource: a contradictory or refused key fails, a missing or unreadable key only warns", () => {
  it("both stack sources at once: check fails on providerName, before any call", async () => {
    emulator.control.clearRequests();
    const result = await checkNew(
      { "qard:apiKey": EMULATOR_API_KEY, "qard:apiKeySecretId": "qard/test/precedence-api-key" },
      OTHER_ACCOUNT_KEY,
    );
    expect(result.failures).toEqual([
      { property: "providerName", reason: expect.stringMatching(/both qard:apiKey and qard:apiKeySecretId/) },
    ]);
    expect(JSON.stringify(result.failures)).not.toContain(EMULATOR_API_KEY);
    expect(emulator.control.requests()).toEqual([]);
  });

  it("no key anywhere (a pull-request preview): check passes without calling Qard", async () => {
    emulator.control.clearRequests();
    const result = await checkNew({});
    expect(result.failures).toEqual([]);
    expect(emulator.control.requests()).toEqual([]);
  });

  it("a key secret it may not read (a preview's metadata-only role): check passes without calling Qard", async () => {
    emulator.control.clearRequests();
    const result = await checkNew({ "qard:apiKeySecretId": "qard/test/no-such-api-key" }, OTHER_ACCOUNT_KEY);
    expect(result.failures).toEqual([]);
    expect(emulator.control.requests()).toEqual([]);
  });

  it("no key at up: create refuses before any call, saying how to set one", async () => {
    const restore = setProcessEnv({ QARD_API_KEY: undefined });
    try {
      emulator.control.clearRequests();
      const provider = await loadSerializedProvider({ "qard:apiUrl": emulator.baseUrl });
      const inputs = (await provider.check({}, { providerName: "company_legal_fr" }))
        .inputs as ProviderInputs;
      await expect(provider.create(inputs)).rejects.toThrow(/No Qard API key: run `pulumi config set/);
      expect(emulator.control.requests()).toEqual([]);
    } finally {
      restore();
    }
  });

  it("a key Qard refuses (401) fails the preview, naming the setting that holds it", async () => {
    emulator.control.clearRequests();
    const result = await checkNew({ "qard:apiKey": "a-key-qard-does-not-know" });
    expect(result.failures).toEqual([
      { property: "providerName", reason: expect.stringMatching(/refused the API key from qard:apiKey/) },
    ]);
    expect(emulator.control.requests().map((r) => r.status)).toContain(401);
  });
});
