import { describe, expect, it } from "vitest";
import { ShopifyProvider } from "@qard-iac/pulumi-qard";
import { recordRegisteredResources, registrationOf } from "../helpers/registered-resources.ts";

const registered = recordRegisteredResources();

describe("ShopifyProvider", () => {
  it("maps its three inputs: credentials (secret), auto_connect, enabled", async () => {
    const provider = new ShopifyProvider("shop-a", {
      clientId: "app-key",
      clientSecret: "app-secret",
      autoConnect: false,
    });
    await registrationOf(provider);
    const resource = registered.find((r) => r.name === "shop-a");
    expect(resource?.type).toBe("pulumi-nodejs:dynamic/qard:ProviderConfig");
    expect(resource?.inputs).toMatchObject({
      providerName: "shopify",
      settings: { auto_connect: false },
      schemaVersion: 1,
    });
    expect(resource?.inputs.credentials).toMatchObject({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: { client_id: "app-key", client_secret: "app-secret" },
    });
  });

  it("takes credentials by Secrets Manager reference", async () => {
    const provider = new ShopifyProvider("shop-b", {
      credentials: { secretsManager: { secretId: "qard/prod/shopify" } },
    });
    await registrationOf(provider);
    const resource = registered.find((r) => r.name === "shop-b");
    expect(resource?.inputs).toMatchObject({
      credentialsRef: { secretId: "qard/prod/shopify" },
      settings: {},
    });
    expect(resource?.inputs.credentials).toBeUndefined();
  });

  it("refuses half a credential pair and both forms at once", () => {
    expect(() => new ShopifyProvider("shop-c", { clientId: "only-id" })).toThrow(
      /clientId and clientSecret go together/,
    );
    expect(
      () =>
        new ShopifyProvider("shop-d", {
          clientId: "a",
          clientSecret: "b",
          credentials: { secretsManager: { secretId: "x" } },
        }),
    ).toThrow(/not both/);
  });
});
