import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  readStackAccounts,
  stackFilePath,
  writePromotedEntries,
} from "../../../workflows/stacks/stack-file.ts";

const PROD = `encryptionsalt: v1:abc
config:
  qard:accounts:
    prod-eu:
      apiUrl: https://eu.qard.example
      apiKey:
        secure: v1:opaque
      # the EU entity's providers
      providers:
        shopify:
          autoConnect: false
          credentials:
            secretsManager:
              secretId: qard/prod/prod-eu/shopify
    prod-us:
      apiKeySecretId: qard/prod/us-api-key
  qard:providers:
    company_legal_fr:
      account: prod-eu
      enabled: false
`;

describe("a stack file's accounts", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "qard-promote-accounts-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads each account's key source and its providers from both spellings, nothing decrypted", async () => {
    await writeFile(stackFilePath("prod", dir), PROD);
    const accounts = await readStackAccounts("prod", dir);
    expect(Object.keys(accounts)).toEqual(["prod-eu", "prod-us"]);
    expect(accounts["prod-eu"]).toEqual({
      keySource: { apiKey: true, account: { name: "prod-eu", stack: "prod" } },
      providers: {
        shopify: {
          autoConnect: false,
          credentials: { secretsManager: { secretId: "qard/prod/prod-eu/shopify" } },
        },
        company_legal_fr: { account: "prod-eu", enabled: false },
      },
      locations: {
        shopify: ["config", "qard:accounts", "prod-eu", "providers", "shopify"],
        company_legal_fr: ["config", "qard:providers", "company_legal_fr"],
      },
    });
    expect(accounts["prod-us"]?.keySource).toEqual({
      apiKey: false,
      apiKeySecretId: "qard/prod/us-api-key",
      account: { name: "prod-us", stack: "prod" },
    });
  });

  it("is empty for the one-account form", async () => {
    await writeFile(stackFilePath("dev", dir), "config:\n  qard:providers:\n    shopify: {}\n");
    expect(await readStackAccounts("dev", dir)).toEqual({});
  });

  it("refuses an account name the identifier rule refuses, naming it", async () => {
    await writeFile(stackFilePath("bad", dir), "config:\n  qard:accounts:\n    eu/x:\n      apiKey: k\n");
    await expect(readStackAccounts("bad", dir)).rejects.toThrow(
      /Pulumi\.bad\.yaml: qard:accounts key "eu\/x" must be 1 to 128 letters/,
    );
  });

  it("writes each promoted provider where the file declares it, a new one under its account, comments kept", async () => {
    await writeFile(stackFilePath("prod", dir), PROD);
    const written = await writePromotedEntries(
      "prod",
      [
        { at: ["config", "qard:providers", "company_legal_fr"], provider: { enabled: true } },
        {
          at: ["config", "qard:accounts", "prod-eu", "providers", "shopify"],
          provider: { autoConnect: true },
        },
        {
          at: ["config", "qard:accounts", "prod-us", "providers", "paypal"],
          provider: { enabled: true },
        },
      ],
      ["enabled", "autoConnect", "settings"],
      dir,
    );
    expect(written).toBe(true);
    const text = await readFile(stackFilePath("prod", dir), "utf8");
    expect(text).toContain("# the EU entity's providers");
    expect(text).toContain("secure: v1:opaque");
    const accounts = await readStackAccounts("prod", dir);
    expect(accounts["prod-eu"]?.providers.shopify).toMatchObject({ autoConnect: true });
    expect(accounts["prod-eu"]?.providers.company_legal_fr).toEqual({ account: "prod-eu", enabled: true });
    expect(accounts["prod-us"]?.providers).toEqual({ paypal: { enabled: true } });
  });
});
