import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import { qardProgram } from "../../infra/program.ts";
import { StackConfigError } from "../../infra/stack-config.ts";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

let registered: Registered[] = [];

// Mocks never run provider methods: these tests check only config → resources wiring.
async function runProgram(stack: string, config: Record<string, unknown>, secretKeys: string[] = []) {
  registered = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type === "aws:secretsmanager/secret:Secret")
          state.arn = `arn:aws:secretsmanager:eu-west-3:123:secret:${String(args.inputs.name)}`;
        if (args.type.startsWith("pulumi-nodejs:dynamic"))
          state.credentialsSource = args.inputs.credentialsRef ? "secretsManager" : "value";
        return { id: `${args.name}-id`, state };
      },
      call: (args) => args.inputs,
    },
    "qard-iac",
    stack,
    false,
  );
  pulumi.runtime.setAllConfig(
    Object.fromEntries(
      Object.entries(config).map(([key, value]) => [
        key,
        typeof value === "string" ? value : JSON.stringify(value),
      ]),
    ),
    secretKeys,
  );
  const outputs = await qardProgram();
  // Each summary is computed from its resource's outputs, which resolve once the resource (and the secret
  // its inputs read) is registered: when all have resolved, every registration has been recorded.
  await Promise.all(Object.values(outputs.providers).map(resolved));
  return outputs;
}

function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

const dynamicType = "pulumi-nodejs:dynamic/qard:ProviderConfig";

describe("the stack program", () => {
  beforeEach(() => {
    registered = [];
  });

  it("declares one provider configuration per provider, with references and defaults", async () => {
    const outputs = await runProgram("staging", {
      "qard:providers": {
        shopify: {
          autoConnect: true,
          credentials: { secretsManager: { secretId: "qard/staging/shopify", region: "eu-west-3" } },
        },
        company_legal_fr: { enabled: false },
      },
    });
    const resources = registered.filter((r) => r.type === dynamicType);
    expect(resources.map((r) => r.name).sort()).toEqual(["company_legal_fr", "shopify"]);
    const shopify = resources.find((r) => r.name === "shopify");
    expect(shopify?.inputs).toMatchObject({
      providerName: "shopify",
      enabled: true,
      settings: { auto_connect: true },
      credentialsRef: { secretId: "qard/staging/shopify", region: "eu-west-3" },
      schemaVersion: 1,
    });
    expect(shopify?.inputs.credentials).toBeUndefined();
    expect(resources.find((r) => r.name === "company_legal_fr")?.inputs).toMatchObject({
      enabled: false,
      settings: {},
    });
    expect(registered.some((r) => r.type.startsWith("aws:"))).toBe(false);
    expect(await resolved(outputs.providers.shopify!)).toEqual({
      enabled: true,
      autoConnect: true,
      credentialsSource: "secretsManager",
    });
  });

  it("passes qard:providers.<name>.adopt as adoptExisting, and leaves it out (adoption allowed) by default", async () => {
    await runProgram("staging", {
      "qard:providers": { shopify: { adopt: false }, company_legal_fr: {} },
    });
    const resources = registered.filter((r) => r.type === dynamicType);
    expect(resources.find((r) => r.name === "shopify")?.inputs.adoptExisting).toBe(false);
    expect(resources.find((r) => r.name === "company_legal_fr")?.inputs.adoptExisting).toBeUndefined();
  });

  it("passes credentials by value as secrets", async () => {
    await runProgram(
      "unit-value",
      { "qard:providers": { shopify: { credentials: { client_id: "id", client_secret: "value-canary" } } } },
      ["qard:providers"],
    );
    const shopify = registered.find((r) => r.type === dynamicType);
    // Pulumi's secret signature: the value is marked secret before it reaches the engine.
    expect(shopify?.inputs.credentials).toMatchObject({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: { client_id: "id", client_secret: "value-canary" },
    });
    expect(shopify?.inputs.credentialsRef).toBeUndefined();
  });

  it("with qard:manageSecrets declares each referenced secret (no value) and feeds its ARN to the reference", async () => {
    await runProgram("prod", {
      "qard:manageSecrets": true,
      "qard:secretsKmsKeyId": "alias/qard",
      "qard:secretTags": { team: "platform" },
      "qard:providers": { shopify: { credentials: { secretsManager: { secretId: "qard/prod/shopify" } } } },
    });
    const secret = registered.find((r) => r.type === "aws:secretsmanager/secret:Secret");
    expect(secret?.inputs).toMatchObject({
      name: "qard/prod/shopify",
      kmsKeyId: "alias/qard",
      tags: { team: "platform", "qard:provider": "shopify", "pulumi:stack": "prod" },
    });
    expect(registered.some((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion")).toBe(false);
    const shopify = registered.find((r) => r.type === dynamicType);
    expect(shopify?.inputs.credentialsRef).toEqual({
      secretId: "arn:aws:secretsmanager:eu-west-3:123:secret:qard/prod/shopify",
    });
  });
});

describe("stack config errors", () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      "no providers",
      {},
      /qard:providers is missing.*pulumi config set --path 'qard:providers.shopify.enabled' true --stack staging/s,
    ],
    [
      "a non-boolean",
      { "qard:providers": { shopify: { enabled: "yes" } } },
      /qard:providers\.shopify\.enabled: .*boolean/,
    ],
    [
      "an unknown key",
      { "qard:providers": { shopify: { autoconnect: true } } },
      /qard:providers\.shopify: Unrecognized key: "autoconnect"/,
    ],
    [
      "a bad provider name",
      { "qard:providers": { "Shop ify": {} } },
      /qard:providers\["Shop ify"\]: is not a provider name/,
    ],
    [
      "an http API URL",
      { "qard:apiUrl": "http://api.qardfinance.com", "qard:providers": { shopify: {} } },
      /qard:apiUrl: must use https/,
    ],
    [
      "conflicting auto_connect",
      { "qard:providers": { shopify: { autoConnect: true, settings: { auto_connect: false } } } },
      /qard:providers\.shopify\.autoConnect: disagrees with settings\.auto_connect/,
    ],
    [
      "an empty secret id",
      { "qard:providers": { shopify: { credentials: { secretsManager: { secretId: "" } } } } },
      /must name a Secrets Manager secret/,
    ],
  ];

  it.each(cases)("names the stack, the key and the fix for %s", async (_label, config, message) => {
    const error = await runProgram("staging", config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackConfigError);
    expect((error as Error).message).toMatch(/^Stack "staging" has invalid Qard configuration/);
    expect((error as Error).message).toMatch(message);
    expect(registered.filter((r) => r.type === dynamicType)).toEqual([]);
  });

  it("never quotes a credential value in an error", async () => {
    const error = await runProgram("dev", {
      "qard:providers": { shopify: { credentials: { client_id: 42, client_secret: "value-canary" } } },
    }).catch((e: unknown) => e);
    expect((error as Error).message).not.toContain("value-canary");
  });

  it("is a RunError, so the CLI prints the message without a stack trace", async () => {
    const error = await runProgram("staging", { "qard:providers": { shopify: { enabled: "yes" } } }).catch(
      (e: unknown) => e,
    );
    expect(pulumi.RunError.isInstance(error)).toBe(true);
  });
});

describe("secrets stored in plaintext are refused before any resource is declared", () => {
  const byValue = { shopify: { credentials: { client_id: "id", client_secret: "plain-canary-9" } } };

  it("a credential value when qard:providers holds no secret at all", async () => {
    const error = await runProgram("unit-plain", { "qard:providers": byValue }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackConfigError);
    const message = (error as Error).message;
    for (const key of ["client_id", "client_secret"]) {
      expect(message).toContain(
        `qard:providers.shopify.credentials.${key} is stored in plaintext: set it again with \`pulumi config set --secret --path 'qard:providers.shopify.credentials.${key}' <value> --stack unit-plain\``,
      );
    }
    expect(message).not.toContain("plain-canary-9");
    expect(registered.filter((r) => r.type === dynamicType)).toEqual([]);
  });

  it("qard:apiKey set without --secret", async () => {
    const error = await runProgram("unit-plain", {
      "qard:apiKey": "plain-key-canary",
      "qard:providers": { company_legal_fr: {} },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      "qard:apiKey is stored in plaintext: set it again with `pulumi config set --secret qard:apiKey <key> --stack unit-plain`",
    );
    expect((error as Error).message).not.toContain("plain-key-canary");
    expect(registered.filter((r) => r.type === dynamicType)).toEqual([]);
  });

  it("accepts a secret qard:apiKey, and booleans among credentials (flags, not secrets)", async () => {
    await runProgram(
      "unit-plain",
      { "qard:apiKey": "k", "qard:providers": { paypal: { credentials: { is_sandbox: true } } } },
      ["qard:apiKey"],
    );
    expect(registered.filter((r) => r.type === dynamicType)).toHaveLength(1);
  });

  it("the dev stack's file, whose credentials are all secure, passes", async () => {
    await runProgram("dev", { "qard:providers": byValue }, ["qard:providers"]);
    expect(registered.filter((r) => r.type === dynamicType)).toHaveLength(1);
  });
});

describe("qard:apiUrl and qard:providers that cannot be right", () => {
  it.each([
    ["not a URL", "api.qardfinance.com", /qard:apiUrl: is not a URL: give the API's address/],
    [
      "user:password@",
      "https://user:pw-canary@api.qardfinance.com",
      /qard:apiUrl: must not contain a user name or password/,
    ],
    ["plain http to a remote host", "http://api.qardfinance.com", /qard:apiUrl: must use https/],
  ])("refuses an apiUrl that is %s, without quoting it", async (_label, apiUrl, message) => {
    const error = await runProgram("staging", {
      "qard:apiUrl": apiUrl,
      "qard:providers": { company_legal_fr: {} },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("pw-canary");
  });

  it("accepts http to a local emulator", async () => {
    await runProgram("staging", {
      "qard:apiUrl": "http://127.0.0.1:8787",
      "qard:providers": { company_legal_fr: {} },
    });
    expect(registered.filter((r) => r.type === dynamicType)).toHaveLength(1);
  });

  it("refuses an empty qard:providers, which would disable every provider, and points to pulumi destroy", async () => {
    const error = await runProgram("staging", { "qard:providers": {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackConfigError);
    expect((error as Error).message).toContain(
      "qard:providers is empty: `pulumi up` would disable every provider this stack manages. If that is what you want, say so with `pulumi destroy --stack staging`",
    );
    expect(registered).toEqual([]);
  });
});
