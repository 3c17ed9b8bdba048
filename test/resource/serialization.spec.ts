import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { QardProviderConfig } from "@qard-iac/pulumi-qard";
import { serializedProviderText } from "../helpers/serialized-provider.ts";

const API_KEY_CANARY = "api-key-canary-7f3a";
const SECRET_CANARY = "secret-canary-52c1";

/**
 * Runs a program (under mocks) that declares a resource with credentials while the key is in its
 * environment, and returns the `__provider` text it handed to the engine for that resource's state.
 */
async function providerStoredByProgram(): Promise<string> {
  let stored: unknown;
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        stored = (args.inputs as Record<string, unknown>).__provider;
        return { id: args.name, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "qard-iac",
    "serialization",
  );
  const resource = new QardProviderConfig("shop", {
    providerName: "shopify",
    credentials: pulumi.secret({ client_id: "id-canary", client_secret: SECRET_CANARY }),
  });
  await new Promise((resolve) => resource.urn.apply(resolve));
  if (typeof stored !== "string") throw new Error("the resource stored no __provider text");
  return stored;
}

describe("the serialized provider stored in state (__provider)", () => {
  it("holds no API key, no credential field, no absolute path, and stays small", async () => {
    process.env.QARD_API_KEY = API_KEY_CANARY;
    try {
      const text = await serializedProviderText();
      expect(text).not.toContain(API_KEY_CANARY);
      expect(text).not.toContain("client_secret");
      expect(text).not.toContain(process.cwd());
      expect(text).toContain('require("@qard-iac/pulumi-qard/runtime/v1")');
      // Reported by the benchmark too; a regression that captures a library would add hundreds of KB.
      console.info(`serialized provider: ${Buffer.byteLength(text)} bytes`);
      expect(Buffer.byteLength(text)).toBeLessThan(8 * 1024);
    } finally {
      delete process.env.QARD_API_KEY;
    }
  });

  it("holds neither the credentials nor the API key of the program that declared the resource", async () => {
    process.env.QARD_API_KEY = API_KEY_CANARY;
    try {
      const text = await providerStoredByProgram();
      expect(text).toContain('require("@qard-iac/pulumi-qard/runtime/v1")');
      expect(text).not.toContain(SECRET_CANARY);
      expect(text).not.toContain("id-canary");
      expect(text).not.toContain(API_KEY_CANARY);
    } finally {
      delete process.env.QARD_API_KEY;
    }
  });
});
