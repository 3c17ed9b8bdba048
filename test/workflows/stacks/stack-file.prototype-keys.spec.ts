/**
 * promote and import read `qard:providers` straight from Pulumi.<stack>.yaml. The YAML parser keeps
 * `__proto__` as an own key, which copying into another object turns into a prototype (the provider
 * vanished from the promotion); `target["constructor"]` found a function where prod had no entry.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planImport } from "../../../workflows/import/plan-import.ts";
import { planPromotion } from "../../../workflows/promote/plan-promotion.ts";
import { readStackProviders } from "../../../workflows/stacks/stack-file.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "qard-proto-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("reading a stack file's qard:providers", () => {
  it.each([
    ["a provider", "    __proto__:\n      enabled: true\n", '"qard:providers.__proto__"'],
    ["a provider", "    constructor:\n      enabled: true\n", '"qard:providers.constructor"'],
    [
      "a setting",
      "    shopify:\n      settings:\n        toString: true\n",
      '"qard:providers.shopify.settings.toString"',
    ],
  ])("refuses such a name as %s, naming the file and the key", async (_what, yaml, key) => {
    await writeFile(
      path.join(dir, "Pulumi.staging.yaml"),
      `config:\n  qard:providers:\n    company_legal_fr:\n      enabled: true\n${yaml}`,
    );
    await expect(readStackProviders("staging", dir)).rejects.toThrow(
      `Pulumi.staging.yaml: ${key} is a name JavaScript objects already have`,
    );
  });
});

describe("planPromotion", () => {
  it("reads the target's entries as own entries only", () => {
    const plan = planPromotion({ constructor: { enabled: true } }, {}, "prod");
    expect(plan.changes).toEqual([
      { provider: "constructor", setting: "(provider added)", from: undefined, to: { enabled: true } },
    ]);
  });
});

describe("planImport", () => {
  it("does not declare a setting Qard names like an object built-in, and says so", () => {
    const settings = JSON.parse('{"__proto__": true, "auto_connect": true}') as Record<string, boolean>;
    const plan = planImport(
      [
        {
          name: "acme_pay",
          enabled: true,
          available: true,
          authRequired: false,
          unique: false,
          credentialKeys: [],
          settingNames: ["__proto__", "constructor", "auto_connect"],
          settings,
          dataTypes: [],
        },
      ],
      {},
      {
        stack: "staging",
        all: false,
        withoutCredentials: true,
        secretIdPattern: "qard/{stack}/{provider}",
        merge: false,
      },
    );
    const [imported] = plan.imported;
    expect(imported?.entry).toEqual({ enabled: true, autoConnect: true });
    expect(imported?.notes).toEqual([
      'Qard lists setting "__proto__", a name JavaScript objects already have: not declared',
      'Qard lists setting "constructor", a name JavaScript objects already have: not declared',
    ]);
  });
});
