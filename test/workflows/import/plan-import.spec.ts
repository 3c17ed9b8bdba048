import { describe, expect, it } from "vitest";
import type { QardProvider } from "../../../providers/src/qard/index.ts";
import { planImport, type ImportPlanOptions } from "../../../workflows/import/plan-import.ts";

function live(name: string, fields: Partial<QardProvider> = {}): QardProvider {
  const settings = fields.settings ?? {};
  return {
    name,
    enabled: true,
    available: true,
    authRequired: false,
    unique: false,
    credentialKeys: [],
    settingNames: Object.keys(settings),
    settings,
    dataTypes: [],
    ...fields,
  };
}

const options: ImportPlanOptions = {
  stack: "staging",
  all: false,
  withoutCredentials: false,
  secretIdPattern: "qard/{stack}/{provider}",
  merge: false,
};

const shopify = live("shopify", {
  credentialKeys: ["client_id", "client_secret"],
  settings: { auto_connect: true },
});
const complyCube = live("comply_cube", {
  settings: { officers_check: true, beneficial_owners_check: false, background_check_nodes_check: false },
});
const paypal = live("paypal", {
  enabled: false,
  credentialKeys: ["is_sandbox", "client_id", "client_secret"],
  settings: { auto_connect: false },
});

describe("planImport", () => {
  it("declares each enabled provider as Qard has it: auto_connect as autoConnect, other settings as settings", () => {
    const plan = planImport([shopify, complyCube, paypal], {}, options);
    expect(plan.writes).toEqual({
      shopify: {
        enabled: true,
        autoConnect: true,
        credentials: { secretsManager: { secretId: "qard/staging/shopify" } },
      },
      comply_cube: {
        enabled: true,
        settings: {
          officers_check: true,
          beneficial_owners_check: false,
          background_check_nodes_check: false,
        },
      },
    });
    expect(plan.skipped).toEqual([{ provider: "paypal", reason: "disabled (--all imports it)" }]);
    expect(plan.refusals).toEqual([]);
  });

  it("with --all also declares the disabled providers, as disabled", () => {
    const plan = planImport([paypal], {}, { ...options, all: true });
    expect(plan.writes.paypal).toMatchObject({ enabled: false, autoConnect: false });
    expect(plan.imported[0]?.firstUp.map((w) => w.call)).toEqual([
      "PUT /api/v6/providers/paypal/credentials",
    ]);
  });

  it("lists the secrets to create with the keys each needs, typed from the catalogue", () => {
    const plan = planImport([{ ...paypal, enabled: true }], {}, options);
    expect(plan.secrets).toEqual([
      {
        provider: "paypal",
        secretId: "qard/staging/paypal",
        keys: [
          { name: "is_sandbox", type: "boolean" },
          { name: "client_id", type: "string" },
          { name: "client_secret", type: "string" },
        ],
      },
    ]);
  });

  it("takes the credential keys of a provider the catalogue does not know from Qard's credentials_config", () => {
    const plan = planImport(
      [live("acme_bank", { credentialKeys: ["token"] })],
      {},
      { ...options, secretIdPattern: "teams/{provider}/{stack}" },
    );
    expect(plan.secrets).toEqual([
      {
        provider: "acme_bank",
        secretId: "teams/acme_bank/staging",
        keys: [{ name: "token", type: "string" }],
      },
    ]);
  });

  it("announces only the credentials PUT for a provider whose settings and enabled flag match", () => {
    const plan = planImport([shopify, complyCube], {}, options);
    expect(plan.imported.map((p) => [p.provider, p.firstUp.map((w) => w.call)])).toEqual([
      ["shopify", ["PUT /api/v6/providers/shopify/credentials"]],
      ["comply_cube", []],
    ]);
    expect(plan.imported[0]?.firstUp[0]?.why).toContain("secret qard/staging/shopify");
  });

  it("with --without-credentials declares no credentials, lists no secret and announces no write", () => {
    const plan = planImport([shopify, complyCube], {}, { ...options, withoutCredentials: true });
    expect(plan.writes.shopify).toEqual({ enabled: true, autoConnect: true });
    expect(plan.secrets).toEqual([]);
    expect(plan.imported.flatMap((p) => p.firstUp)).toEqual([]);
  });

  it("declares a provider Qard lists as enabled but unavailable disabled, and says the first up disables it", () => {
    const plan = planImport([live("sandbox_public", { available: false })], {}, options);
    expect(plan.writes.sandbox_public).toEqual({ enabled: false });
    expect(plan.imported[0]?.firstUp.map((w) => w.call)).toEqual(["PUT /api/v6/providers/sandbox_public"]);
    expect(plan.imported[0]?.notes).toEqual([
      "Qard lists it as enabled but no longer available: declared disabled",
    ]);
  });

  it("leaves out settings it could not declare, saying why", () => {
    const provider = live("infogreffe", {
      settingNames: ["auto_connect", "confidential_only", "beta_mode"],
      settings: { auto_connect: true, beta_mode: true },
    });
    const plan = planImport([provider], {}, { ...options, withoutCredentials: true });
    expect(plan.writes.infogreffe).toEqual({ enabled: true, autoConnect: true });
    expect(plan.imported[0]?.notes).toEqual([
      "Qard lists setting confidential_only without a value: not declared",
      "setting beta_mode is not in the library's catalogue for infogreffe: not declared",
    ]);
  });

  it("skips a name the stack config would reject", () => {
    const plan = planImport([live("Bad Name")], {}, options);
    expect(plan.writes).toEqual({});
    expect(plan.skipped).toEqual([{ provider: "Bad Name", reason: "not a name the stack config accepts" }]);
  });
});

describe("planImport on a stack that already declares providers", () => {
  const declaredShopify = {
    enabled: true,
    autoConnect: false,
    credentials: { client_secret: { secure: "v1:abc" } },
    protect: true,
  };

  it("refuses, listing every difference, when a declared provider differs from Qard", () => {
    const plan = planImport([shopify, complyCube], { shopify: declaredShopify }, options);
    expect(plan.differences).toEqual([
      { provider: "shopify", setting: "settings.auto_connect", declared: false, qard: true },
    ]);
    expect(plan.refusals).toEqual([
      "Pulumi.staging.yaml already declares shopify differently from Qard: run again with --merge to settle the differences listed to what Qard has",
    ]);
  });

  it("with --merge settles enabled and settings to Qard's and keeps credentials, options and other providers", () => {
    const plan = planImport(
      [shopify],
      { shopify: declaredShopify, own: { enabled: true } },
      { ...options, merge: true },
    );
    expect(plan.refusals).toEqual([]);
    expect(plan.writes).toEqual({ shopify: { ...declaredShopify, autoConnect: true } });
    expect(plan.secrets).toEqual([]);
    expect(plan.imported[0]).toMatchObject({
      status: "merged",
      notes: ["already declared: if the stack manages it already, up compares with its state instead"],
    });
  });

  it("counts a credentials reference it would add to a declared provider as a difference", () => {
    const plan = planImport([shopify], { shopify: { enabled: true, autoConnect: true } }, options);
    expect(plan.differences).toEqual([
      {
        provider: "shopify",
        setting: "credentials",
        declared: undefined,
        qard: "secret qard/staging/shopify",
      },
    ]);
  });

  it("writes nothing for a declared provider that already matches Qard, and does not refuse", () => {
    const declared = {
      shopify: { enabled: true, autoConnect: true, credentials: { secretsManager: { secretId: "x" } } },
    };
    const plan = planImport([shopify], declared, options);
    expect(plan.refusals).toEqual([]);
    expect(plan.writes).toEqual({});
    expect(plan.imported[0]).toMatchObject({ status: "unchanged" });
  });
});
