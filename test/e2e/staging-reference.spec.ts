import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { ConcurrentUpdateError } from "@pulumi/pulumi/automation/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStack, setStackConfig } from "../../workflows/stacks/stack.ts";
import { apiCalls, apiWrites } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";

// A stack configured like Pulumi.staging.yaml (Shopify by Secrets Manager reference, a registry provider
// without credentials), pointed at the emulator and moto, driven through the real engine.
const API_KEY = "e2e-staging-api-key";
const SECRET_ID = "qard/staging/shopify";
let e2e: E2eStack;
let aws: SecretsManagerClient;

const providersConfig = (overrides: { shopifyAutoConnect?: boolean } = {}) => ({
  shopify: {
    enabled: true,
    autoConnect: overrides.shopifyAutoConnect ?? true,
    credentials: { secretsManager: { secretId: SECRET_ID, region: "eu-west-3" } },
  },
  company_legal_fr: { enabled: true, autoConnect: true },
});

beforeAll(async () => {
  e2e = await createE2eStack({
    name: "staging",
    apiKey: API_KEY,
    withMoto: true,
    config: () => ({ "qard:providers": providersConfig() }),
  });
  aws = e2e.moto!.secretsClient();
  await aws.send(
    new CreateSecretCommand({
      Name: SECRET_ID,
      SecretString: JSON.stringify({ client_id: "shop-id", client_secret: "shop-secret-v1" }),
    }),
  );
});

afterAll(async () => {
  aws?.destroy();
  await e2e?.dispose();
});

describe("pulumi up / preview / refresh / destroy through the engine", () => {
  it("1. up from empty writes credentials → settings → enable per provider, and nothing else", async () => {
    const result = await e2e.stack.up({ ...e2e.record });
    expect(result.summary.result).toBe("succeeded");
    // The two providers are configured in parallel: order is per provider.
    expect(apiWrites(e2e.emulator.control)).toHaveLength(5);
    const shopifyWrites = apiWrites(e2e.emulator.control).filter((call) => call.includes("/shopify"));
    expect(shopifyWrites).toEqual([
      "PUT /api/v6/providers/shopify/credentials",
      "PUT /api/v6/providers/shopify/settings",
      "PUT /api/v6/providers/shopify",
    ]);
    const registryWrites = apiWrites(e2e.emulator.control).filter((call) =>
      call.includes("/company_legal_fr"),
    );
    expect(registryWrites).toEqual([
      "PUT /api/v6/providers/company_legal_fr/settings",
      "PUT /api/v6/providers/company_legal_fr",
    ]);
    // One read of Qard's provider list for the whole operation (adoption of a provider configured by hand).
    expect(apiCalls(e2e.emulator.control).filter((call) => call.startsWith("GET"))).toEqual([
      "GET /api/v6/providers",
    ]);
    expect(e2e.emulator.control.credentialsOf("shopify")).toEqual({
      client_id: "shop-id",
      client_secret: "shop-secret-v1",
    });
    expect(result.outputs.providers?.value).toMatchObject({
      shopify: { enabled: true, autoConnect: true, credentialsSource: "secretsManager" },
      company_legal_fr: { enabled: true, autoConnect: true, credentialsSource: "none" },
    });
  });

  it("2. a second up writes nothing, and preview --expect-no-changes passes", async () => {
    e2e.emulator.control.clearRequests();
    const result = await e2e.stack.up({ ...e2e.record });
    expect(result.summary.resourceChanges).toEqual({ same: 3 });
    await e2e.stack.preview({ expectNoChanges: true, ...e2e.record });
    expect(apiCalls(e2e.emulator.control)).toEqual([]);
  });

  it("3. a config change of autoConnect is named by preview and applied with one list read and one settings PUT", async () => {
    await setStackConfig(e2e.stack, { "qard:providers": providersConfig({ shopifyAutoConnect: false }) });
    const preview = await e2e.stack.preview({ diff: true, ...e2e.record });
    expect(preview.changeSummary.update).toBeGreaterThanOrEqual(1);
    expect(preview.stdout).toMatch(/~ settings\s*: \{\s*~ auto_connect\s*: true => false/);
    e2e.emulator.control.clearRequests();
    await e2e.stack.up({ ...e2e.record });
    expect(apiCalls(e2e.emulator.control)).toEqual([
      "GET /api/v6/providers",
      "PUT /api/v6/providers/shopify/settings",
    ]);
  });

  it("4. a rotation in Secrets Manager shows as a credentials update; up sends the new value with one PUT", async () => {
    await aws.send(
      new PutSecretValueCommand({
        SecretId: SECRET_ID,
        SecretString: JSON.stringify({ client_id: "shop-id", client_secret: "shop-secret-v2" }),
      }),
    );
    const preview = await e2e.stack.preview({ diff: true, ...e2e.record });
    expect(preview.stdout).toMatch(/~ credentialsVersionId\s*: "[^"]+" => "[^"]+"/);
    e2e.emulator.control.clearRequests();
    await e2e.stack.up({ ...e2e.record });
    expect(apiCalls(e2e.emulator.control)).toEqual(["PUT /api/v6/providers/shopify/credentials"]);
    expect(e2e.emulator.control.credentialsOf("shopify")?.client_secret).toBe("shop-secret-v2");
  });

  it("5. drift: a provider disabled out of band fails the refresh check naming `enabled`; up --refresh restores it", async () => {
    e2e.emulator.control.patchProvider("shopify", { enabled: false });
    const failure = await e2e.stack
      .preview({ refresh: true, expectNoChanges: true, diff: true, ...e2e.record })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/no changes were expected/);
    expect((failure as Error).message).toMatch(/~ enabled\s*: false => true/);
    e2e.emulator.control.clearRequests();
    await e2e.stack.up({ refresh: true, ...e2e.record });
    expect(apiWrites(e2e.emulator.control)).toEqual(["PUT /api/v6/providers/shopify"]);
    await e2e.stack.preview({ refresh: true, expectNoChanges: true, ...e2e.record });
  });

  it("6a. rides out 429 with Retry-After and a 503", async () => {
    await setStackConfig(e2e.stack, { "qard:providers": providersConfig({ shopifyAutoConnect: true }) });
    e2e.emulator.control.addFault({
      method: "PUT",
      path: "/api/v6/providers/shopify/settings",
      status: 429,
      retryAfter: "1",
    });
    e2e.emulator.control.addFault({ method: "PUT", path: "/api/v6/providers/shopify/settings", status: 503 });
    e2e.emulator.control.clearRequests();
    const result = await e2e.stack.up({ ...e2e.record });
    expect(result.summary.result).toBe("succeeded");
    const settingsPuts = e2e.emulator.control.requests().filter((r) => r.method === "PUT");
    expect(settingsPuts.map((r) => r.status)).toEqual([429, 503, 200]);
  });

  it("6b. a failure between credentials and enable is reported clearly; the next up resumes without repeating", async () => {
    await e2e.stack.destroy({ ...e2e.record });
    e2e.emulator.control.reset();
    e2e.emulator.control.addFault({ method: "PUT", path: "/api/v6/providers/shopify/settings", status: 422 });
    const failure = await e2e.stack.up({ ...e2e.record }).catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(
      /Qard provider "shopify": settings failed.*Already written: credentials/s,
    );
    e2e.emulator.control.clearRequests();
    await e2e.stack.up({ ...e2e.record });
    expect(apiWrites(e2e.emulator.control)).toEqual([
      "PUT /api/v6/providers/shopify/settings",
      "PUT /api/v6/providers/shopify",
    ]);
    await e2e.stack.preview({ expectNoChanges: true, ...e2e.record });
  });

  it("7. two ups at once: the stack lock refuses one, and the state stays intact", async () => {
    const second = await openStack({
      stackName: e2e.stackName,
      env: { ...e2e.backend.env, ...e2e.moto!.env },
    });
    await setStackConfig(e2e.stack, { "qard:providers": providersConfig({ shopifyAutoConnect: false }) });
    // Slow answers keep the first up holding the lock while the second tries; settled ups never throw,
    // so nothing between adding the fault and clearing it can skip the clearing.
    e2e.emulator.control.addFault({ path: "/api/v6/providers/*", latencyMs: 1500, times: 10 });
    // The second starts once the first holds the lock (the backend takes it before the engine's first
    // event). Started in the same instant, the two can race inside Pulumi's file backend: its lock check
    // lists the lock folder, then reads each file listed and returns a failed read as it is, so a lock file
    // being written in that instant refused the second up with another error (once in a fresh-clone run).
    let firstEvent = () => {};
    const firstHoldsLock = new Promise<void>((resolve) => (firstEvent = resolve));
    const first = e2e.stack.up({
      ...e2e.record,
      onEvent: (event) => {
        e2e.record.onEvent(event);
        firstEvent();
      },
    });
    const results = await Promise.allSettled([
      first,
      Promise.race([firstHoldsLock, first.catch(() => undefined)]).then(() => second.up()),
    ]);
    e2e.emulator.control.clearFaults();
    const refused = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const reason: unknown = (refused[0] as PromiseRejectedResult).reason;
    expect(reason, String(reason)).toBeInstanceOf(ConcurrentUpdateError);
    const state = await e2e.stack.exportStack();
    expect(
      state.deployment.resources.filter((r: { type: string }) => r.type.includes("qard:ProviderConfig")),
    ).toHaveLength(2);
    await e2e.stack.preview({ refresh: true, expectNoChanges: true, ...e2e.record });
  });

  it("8a. protect blocks destroy", async () => {
    await setStackConfig(e2e.stack, {
      "qard:providers": { ...providersConfig(), shopify: { ...providersConfig().shopify, protect: true } },
    });
    await e2e.stack.up({ ...e2e.record });
    e2e.emulator.control.clearRequests();
    await expect(e2e.stack.destroy({ ...e2e.record })).rejects.toThrow(/protected/);
    expect(apiWrites(e2e.emulator.control).filter((call) => call.includes("/shopify"))).toEqual([]);
  });

  it("8b. with retainOnDelete, destroy writes nothing for that provider", async () => {
    await setStackConfig(e2e.stack, {
      "qard:providers": {
        ...providersConfig(),
        shopify: { ...providersConfig().shopify, retainOnDelete: true },
      },
    });
    await e2e.stack.up({ ...e2e.record });
    e2e.emulator.control.clearRequests();
    await e2e.stack.destroy({ ...e2e.record });
    expect(apiWrites(e2e.emulator.control)).toEqual(["PUT /api/v6/providers/company_legal_fr"]);
  });

  it("8c. destroy disables every provider", async () => {
    await setStackConfig(e2e.stack, { "qard:providers": providersConfig() });
    await e2e.stack.up({ ...e2e.record });
    e2e.emulator.control.clearRequests();
    await e2e.stack.destroy({ ...e2e.record });
    expect(apiWrites(e2e.emulator.control).sort()).toEqual([
      "PUT /api/v6/providers/company_legal_fr",
      "PUT /api/v6/providers/shopify",
    ]);
    expect(e2e.emulator.control.requests().map((r) => r.body)).toEqual([
      { enable: false },
      { enable: false },
    ]);
  });
});
