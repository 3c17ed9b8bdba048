import * as pulumi from "@pulumi/pulumi";
import { QardProviderConfig } from "@qard-iac/pulumi-qard";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiWrites } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";

// A program written against the library, as its users write them: credentials as one secret Output, an
// adoption the preview announces, and two resources aimed at one Qard provider.
const SECRET = "library-secret-7c41";
let e2e: E2eStack;
let declareDuplicate = false;

async function program(): Promise<Record<string, unknown>> {
  const shop = new QardProviderConfig("shop", {
    providerName: "shopify",
    credentials: pulumi.secret({ client_id: "library-id", client_secret: SECRET }),
    settings: { auto_connect: true },
  });
  if (declareDuplicate) {
    new QardProviderConfig("shop-again", { providerName: "shopify", enabled: false });
  }
  return { source: shop.credentialsSource };
}

beforeAll(async () => {
  e2e = await createE2eStack({ name: "lib", apiKey: "e2e-library-key", config: () => ({}), program });
});

afterAll(async () => {
  await e2e?.dispose();
});

describe("a program using the library", () => {
  it("14 and 7. writes credentials given as one secret Output, announcing the takeover of an enabled provider", async () => {
    e2e.emulator.control.patchProvider("shopify", { enabled: true, settings: { auto_connect: false } });
    const result = await e2e.stack.up({ ...e2e.record });
    expect(result.summary.result).toBe("succeeded");
    expect(result.outputs.source?.value).toBe("value");
    expect(e2e.emulator.control.credentialsOf("shopify")).toEqual({
      client_id: "library-id",
      client_secret: SECRET,
    });
    const printed = e2e.transcript.output.join("");
    expect(printed).toContain('Qard provider "shopify" is already enabled in Qard');
    expect(printed).toContain("settings.auto_connect: false => true");
    expect(printed).not.toContain(SECRET);
  });

  it("8. refuses at preview a second resource for the same Qard provider, naming both", async () => {
    declareDuplicate = true;
    try {
      e2e.emulator.control.clearRequests();
      const error = await e2e.stack.preview({ ...e2e.record }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(
        'Qard provider "shopify" is configured by two resources, "shop" and "shop-again"',
      );
      expect(apiWrites(e2e.emulator.control)).toEqual([]);
    } finally {
      declareDuplicate = false;
    }
  });
});
