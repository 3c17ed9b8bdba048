import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../../../cli/usage-error.ts";
import { parsePromoteArgs } from "../../../workflows/promote/args.ts";
import { PROMOTED_KEYS, planPromotion } from "../../../workflows/promote/plan-promotion.ts";
import { keySourceProblems } from "../../../workflows/promote/key-sources.ts";
import {
  readStackKeySource,
  readStackProviders,
  writePromotedProviders,
} from "../../../workflows/stacks/stack-file.ts";

const staging = {
  shopify: {
    enabled: true,
    autoConnect: true,
    credentials: { secretsManager: { secretId: "qard/staging/shopify" } },
  },
  company_legal_fr: { enabled: true, autoConnect: true },
};
const prod = {
  shopify: {
    enabled: true,
    autoConnect: false,
    credentials: { secretsManager: { secretId: "qard/prod/shopify" } },
    protect: true,
  },
  company_legal_fr: { enabled: true, autoConnect: true },
  prod_only: { enabled: true },
};

describe("planPromotion", () => {
  it("copies enabled and settings, keeps the target's credentials, protection and own providers", () => {
    const plan = planPromotion(staging, prod, "prod");
    expect(plan.changes).toEqual([
      { provider: "shopify", setting: "settings.auto_connect", from: false, to: true },
    ]);
    expect(plan.target.shopify).toEqual({ ...prod.shopify, autoConnect: true });
    expect(plan.target.prod_only).toEqual({ enabled: true });
    expect(plan.problems).toEqual([]);
  });

  it("adds a provider new in the source and says the target needs its own credentials", () => {
    const plan = planPromotion(
      {
        ...staging,
        paypal: { enabled: true, credentials: { secretsManager: { secretId: "qard/staging/paypal" } } },
      },
      prod,
      "prod",
    );
    expect(plan.changes).toContainEqual({
      provider: "paypal",
      setting: "(provider added)",
      from: undefined,
      to: { enabled: true },
    });
    expect(plan.target.paypal).toEqual({ enabled: true });
    expect(plan.problems).toEqual([
      "prod has no credentials for paypal: add qard:providers.paypal.credentials.secretsManager.secretId (e.g. qard/prod/paypal) to Pulumi.prod.yaml",
    ]);
  });

  it("compares autoConnect and settings.auto_connect as the same setting", () => {
    const plan = planPromotion(
      { company_legal_fr: { settings: { auto_connect: true } } },
      { company_legal_fr: { autoConnect: true } },
      "prod",
    );
    expect(plan.changes).toEqual([]);
  });
});

describe("the stack file writer", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "qard-promote-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("rewrites only promoted values, keeping comments, secure values and prod-only keys", async () => {
    const original = [
      "# Production stack: reviewed by the platform team",
      "encryptionsalt: v1:abc",
      "config:",
      "  qard:apiUrl: https://api.qardfinance.com # the real API",
      "  qard:apiKey:",
      "    secure: v1:opaque",
      "  qard:providers:",
      "    shopify:",
      "      enabled: true",
      "      # flipped by promotion",
      "      autoConnect: false",
      "      credentials:",
      "        secretsManager:",
      "          secretId: qard/prod/shopify",
      "    prod_only:",
      "      enabled: true # only here",
      "",
    ].join("\n");
    await writeFile(path.join(dir, "Pulumi.prod.yaml"), original);
    const plan = planPromotion(
      { shopify: { enabled: true, autoConnect: true } },
      await readStackProviders("prod", dir),
      "prod",
    );
    expect(await writePromotedProviders("prod", plan.target, PROMOTED_KEYS, dir)).toBe(true);
    const written = await readFile(path.join(dir, "Pulumi.prod.yaml"), "utf8");
    expect(written).toBe(original.replace("autoConnect: false", "autoConnect: true"));
    expect(await writePromotedProviders("prod", plan.target, PROMOTED_KEYS, dir)).toBe(false);
  });

  it("says which file is missing", async () => {
    await expect(readStackProviders("nope", dir)).rejects.toThrow(/Pulumi\.nope\.yaml not found/);
  });

  it("reads where each stack takes its Qard key from, decrypting nothing", async () => {
    await writeFile(
      path.join(dir, "Pulumi.a.yaml"),
      "config:\n  qard:apiKeySecretId: qard/a/api-key\n  qard:providers: {}\n",
    );
    await writeFile(path.join(dir, "Pulumi.b.yaml"), "config:\n  qard:apiKey:\n    secure: v1:abc\n");
    await writeFile(path.join(dir, "Pulumi.c.yaml"), "config:\n  qard:apiUrl: https://qard.example\n");
    expect(await readStackKeySource("a", dir)).toEqual({ apiKey: false, apiKeySecretId: "qard/a/api-key" });
    expect(await readStackKeySource("b", dir)).toEqual({ apiKey: true });
    expect(await readStackKeySource("c", dir)).toEqual({ apiKey: false });
  });

  it("finds each of the repository's staging and prod stacks its own key secret", async () => {
    const sources = {
      staging: await readStackKeySource("staging"),
      prod: await readStackKeySource("prod"),
    };
    expect(keySourceProblems(sources)).toEqual([]);
  });
});

describe("parsePromoteArgs", () => {
  it("requires two different stacks", () => {
    expect(parsePromoteArgs(["--from", "staging", "--to", "prod", "--apply"])).toEqual({
      from: "staging",
      to: "prod",
      apply: true,
      map: {},
      format: "text",
    });
    expect(parsePromoteArgs(["--from", "staging", "--to", "prod", "--markdown"]).format).toBe("markdown");
    expect(() => parsePromoteArgs(["--from", "staging"])).toThrow(/--from and --to are required/);
    expect(() => parsePromoteArgs(["--from", "prod", "--to", "prod"])).toThrow(/same stack/);
    expect(() => parsePromoteArgs(["--from", "a", "--to", "b", "--json", "--markdown"])).toThrow(UsageError);
  });
});
