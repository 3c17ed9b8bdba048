import * as pulumi from "@pulumi/pulumi";
import { afterAll, describe, expect, it, vi } from "vitest";
import { QardProviderConfig } from "@qard-iac/pulumi-qard";
import { serializedProviderText } from "../helpers/serialized-provider.ts";

// Set before the imports above run (vi.hoisted is): a module-level `const key = process.env.QARD_API_KEY`
// anywhere in the library would then hold the canary, and a method capturing it would put it in the text.
const { API_KEY_CANARY, keyBefore } = vi.hoisted(() => {
  const keyBefore = process.env.QARD_API_KEY;
  process.env.QARD_API_KEY = "api-key-canary-7f3a";
  return { API_KEY_CANARY: "api-key-canary-7f3a", keyBefore };
});
const SECRET_CANARY = "secret-canary-52c1";
// The stub's methods capture nothing and require only the runtime: `provider` is what the serialized
// `() => provider` returns, and the two values are the stub's prototype and instance.
const STUB_CAPTURES = {
  names: ["provider"],
  values: ["__provider_proto", "__provider"],
  modules: ["@qard-iac/pulumi-qard/runtime/v1"],
};

afterAll(() => {
  if (keyBefore === undefined) delete process.env.QARD_API_KEY;
  else process.env.QARD_API_KEY = keyBefore;
});

/**
 * What a serialized function text takes from its surroundings: the names its functions capture (each
 * `with({ name: value })` scope, beyond the `this`/`arguments` every function gets), the module-level
 * values it defines, and the modules it requires.
 */
function capturesOf(text: string): { names: string[]; values: string[]; modules: string[] } {
  const names = [...text.matchAll(/with\(\{([^}]*)\}\)/g)]
    .flatMap((match) => match[1]!.split(","))
    .map((entry) => entry.split(":")[0]!.trim())
    .filter((name) => name !== "" && name !== "this" && name !== "arguments");
  const values = [...text.matchAll(/^var (\w+)/gm)].map((match) => match[1]!);
  const modules = [...text.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]!);
  return { names: [...new Set(names)], values: [...new Set(values)], modules: [...new Set(modules)] };
}

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
    expect(process.env.QARD_API_KEY).toBe(API_KEY_CANARY);
    const text = await serializedProviderText();
    expect(capturesOf(text)).toEqual(STUB_CAPTURES);
    expect(text).not.toContain(API_KEY_CANARY);
    expect(text).not.toContain("client_secret");
    expect(text).not.toContain(process.cwd());
    expect(text).toContain('require("@qard-iac/pulumi-qard/runtime/v1")');
    // Reported by the benchmark too; a regression that captures a library would add hundreds of KB.
    console.info(`serialized provider: ${Buffer.byteLength(text)} bytes`);
    expect(Buffer.byteLength(text)).toBeLessThan(8 * 1024);
  });

  it("holds neither the credentials nor the API key of the program that declared the resource", async () => {
    expect(process.env.QARD_API_KEY).toBe(API_KEY_CANARY);
    const text = await providerStoredByProgram();
    expect(capturesOf(text)).toEqual(STUB_CAPTURES);
    expect(text).not.toContain(SECRET_CANARY);
    expect(text).not.toContain("id-canary");
    expect(text).not.toContain(API_KEY_CANARY);
  });
});
