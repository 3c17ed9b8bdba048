import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { qardProgram } from "../../infra/program.ts";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

// Mocks never run provider methods: config → resources wiring only.
async function runProgram(config: Record<string, unknown>, secretKeys: string[]) {
  const registered: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs as Record<string, unknown>,
        });
        return { id: `${args.name}-id`, state: { ...args.inputs, credentialsSource: "none" } };
      },
      call: (args) => args.inputs,
    },
    "qard-iac",
    "accounts",
    false,
  );
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(config).map(([key, value]) => [key, JSON.stringify(value)])),
    secretKeys,
  );
  const outputs = await qardProgram();
  await Promise.all(Object.values(outputs.providers).map((o) => new Promise((resolve) => o.apply(resolve))));
  return { outputs, registered };
}

describe("the stack program with qard:accounts", () => {
  it("declares each account's providers under a QardAccount, named <account>/<provider>, with only the account's name", async () => {
    const { outputs, registered } = await runProgram(
      {
        "qard:accounts": {
          eu: { apiUrl: "https://eu.qard.example", apiKey: "eu-secret-key" },
          us: {
            apiUrl: "https://us.qard.example",
            apiKeySecretId: "qard/us/key",
            providers: { shopify: {} },
          },
        },
        "qard:providers": { shopify: { account: "eu" }, company_legal_fr: { account: "us", enabled: false } },
      },
      ["qard:accounts"],
    );
    expect(Object.keys(outputs.providers).sort()).toEqual([
      "eu/shopify",
      "us/company_legal_fr",
      "us/shopify",
    ]);
    const configs = registered.filter((r) => r.type === "pulumi-nodejs:dynamic/qard:ProviderConfig");
    expect(configs.map((r) => [r.name, r.inputs.providerName, r.inputs.account]).sort()).toEqual([
      ["eu/shopify", "shopify", "eu"],
      ["us/company_legal_fr", "company_legal_fr", "us"],
      ["us/shopify", "shopify", "us"],
    ]);
    const components = registered.filter((r) => r.type === "qard:index:Account").map((r) => r.name);
    expect(components.sort()).toEqual(["eu", "us"]);
    expect(JSON.stringify(registered)).not.toMatch(/eu-secret-key|qard\/us\/key|eu\.qard\.example/);
  });

  it("refuses an account key stored in plaintext before declaring anything", async () => {
    await expect(
      runProgram(
        {
          "qard:accounts": { eu: { apiKey: "eu-secret-key" } },
          "qard:providers": { shopify: { account: "eu" } },
        },
        [],
      ),
    ).rejects.toThrow(/qard:accounts\.eu\.apiKey is stored in plaintext/);
  });
});
