import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { QardAccount, ShopifyProvider } from "@qard-iac/pulumi-qard";
import { recordRegisteredResources, registrationOf } from "../helpers/registered-resources.ts";

const registered = recordRegisteredResources();

describe("QardAccount", () => {
  it("declares one configuration per provider, named <account>/<provider>, each naming the account", async () => {
    const eu = new QardAccount("eu", {
      providers: { shopify: { settings: { auto_connect: true } }, company_legal_fr: {} },
    });
    const us = new QardAccount("us-component", { account: "us", providers: { shopify: { enabled: false } } });
    await Promise.all(
      [eu, us, ...Object.values(eu.providers), ...Object.values(us.providers)].map(registrationOf),
    );
    const configs = registered.filter((r) => r.type === "pulumi-nodejs:dynamic/qard:ProviderConfig");
    const declared = configs.map((r) => [r.name, r.inputs.providerName, r.inputs.account]);
    expect(declared.sort()).toEqual([
      ["eu/company_legal_fr", "company_legal_fr", "eu"],
      ["eu/shopify", "shopify", "eu"],
      ["us/shopify", "shopify", "us"],
    ]);
    expect(
      registered
        .filter((r) => r.type === "qard:index:Account")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["eu", "us-component"]);
    expect(await registrationOf(eu.providers.shopify as pulumi.Resource)).toContain("qard:index:Account$");
  });

  it("refuses an account name outside the identifier rule, before declaring anything", () => {
    const before = registered.length;
    expect(() => new QardAccount("x", { account: "../prod", providers: { shopify: {} } })).toThrow(
      /the account name must be 1 to 128 letters, digits/,
    );
    expect(registered.slice(before).filter((r) => r.type !== "qard:index:Account")).toEqual([]);
  });

  it("ShopifyProvider takes an account too", async () => {
    const shop = new ShopifyProvider("eu-shop", { account: "eu", autoConnect: true });
    await registrationOf(shop);
    expect(registered.find((r) => r.name === "eu-shop")?.inputs).toMatchObject({ account: "eu" });
  });
});
