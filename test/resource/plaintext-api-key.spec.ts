/**
 * A program written by hand with the library: a QardProviderConfig refuses to be declared while qard:apiKey
 * is stored in plaintext (the provider process could not tell). Mocks stand in for the engine's monitor.
 */
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QardProviderConfig } from "@qard-iac/pulumi-qard";

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs },
    "qard-iac",
    "test",
  );
});

afterAll(() => {
  pulumi.runtime.setAllConfig({}, []);
});

function declare(): unknown {
  try {
    new QardProviderConfig("legal", { providerName: "company_legal_fr" });
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("QardProviderConfig and qard:apiKey", () => {
  it("refuses a key stored in plaintext, without quoting it", () => {
    pulumi.runtime.setAllConfig({ "qard:apiKey": "plain-key-canary-31" }, []);
    const error = declare();
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^qard:apiKey is stored in plaintext: set it again with `pulumi config set --secret qard:apiKey <key>`/,
    );
    expect((error as Error).message).not.toContain("plain-key-canary-31");
  });

  it("accepts a secret key, or none (QARD_API_KEY or qard:apiKeySecretId)", () => {
    pulumi.runtime.setAllConfig({ "qard:apiKey": "secret-key" }, ["qard:apiKey"]);
    expect(declare()).toBeUndefined();
    pulumi.runtime.setAllConfig({ "qard:apiKeySecretId": "qard/prod/api-key" }, []);
    expect(declare()).toBeUndefined();
  });
});
