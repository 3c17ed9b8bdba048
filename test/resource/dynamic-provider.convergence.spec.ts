import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProviderInputs, ProviderOutputs } from "@qard-iac/pulumi-qard/internal";
import { apiCalls, apiWrites } from "../helpers/api-calls.ts";
import { call } from "../helpers/emulator.ts";
import { startProviderOnEmulator } from "../helpers/provider-fixture.ts";
import { forgetProviderLists } from "../helpers/serialized-provider.ts";

const { emulator, provider, checked } = startProviderOnEmulator();
let warnings: string[];

const shopify = (overrides: Partial<ProviderInputs> = {}): ProviderInputs => ({
  providerName: "shopify",
  credentials: { client_id: "shop-app-id", client_secret: "shop/app-secret-é-1" },
  settings: { auto_connect: true },
  enabled: true,
  schemaVersion: 1,
  ...overrides,
});

async function failureOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error & Record<string, unknown>;
}

beforeEach(() => {
  warnings = [];
  // Outside the engine, pulumi.log.warn prints with console.warn: what the CLI would show.
  vi.spyOn(console, "warn").mockImplementation((message: unknown) => {
    warnings.push(String(message));
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("reads through the provider list", () => {
  it("reads the list once for all the resources of an operation, never GET /providers/{name}", async () => {
    const names = ["company_legal_fr", "prestashop", "woocommerce"];
    const inputs = await Promise.all(names.map((providerName) => checked({ providerName })));
    await Promise.all(inputs.map((each) => provider.create(each)));
    const reads = apiCalls(emulator.control).filter((call) => call.startsWith("GET"));
    expect(reads).toEqual(["GET /api/v6/providers"]);
    expect(apiWrites(emulator.control)).toHaveLength(3);
  });

  it("follows every page of a paged envelope", async () => {
    emulator.control.setShapes({ list: "envelope", perPage: 4 });
    // comply_cube is on the last page of the emulator's 14 providers.
    await provider.create(await checked({ providerName: "comply_cube", enabled: false }));
    const reads = emulator.control.requests().map((r) => (r.query ? `${r.path}?${r.query}` : r.path));
    expect(reads).toEqual([
      "/api/v6/providers",
      "/api/v6/providers?page=2",
      "/api/v6/providers?page=3",
      "/api/v6/providers?page=4",
    ]);
  });

  it("refresh of several resources reads the list once", async () => {
    const outs = await Promise.all(
      ["company_legal_fr", "prestashop"].map(
        async (providerName) => (await provider.create(await checked({ providerName }))).outs,
      ),
    );
    forgetProviderLists();
    emulator.control.clearRequests();
    await Promise.all(outs.map((each) => provider.read(each.providerName as string, each)));
    expect(apiCalls(emulator.control)).toEqual(["GET /api/v6/providers"]);
  });
});

describe("settings PUT carries the full settings object", () => {
  it("keeps settings the stack does not manage when Qard replaces the whole object", async () => {
    emulator.control.setShapes({ settings: "replace" });
    emulator.control.patchProvider("comply_cube", { settings: { background_check_nodes_check: true } });
    const inputs = await checked({ providerName: "comply_cube", settings: { officers_check: true } });
    const created = (await provider.create(inputs)).outs as ProviderOutputs;
    const settingsPut = emulator.control.requests().find((r) => r.path.endsWith("/settings"));
    expect(settingsPut?.body).toEqual({
      officers_check: true,
      beneficial_owners_check: false,
      background_check_nodes_check: true,
    });

    const news = await checked({ providerName: "comply_cube", settings: { officers_check: false } }, created);
    await provider.update("comply_cube", created, news);
    const settingsPuts = emulator.control.requests().filter((r) => r.path.endsWith("/settings"));
    expect(settingsPuts.at(-1)?.body).toEqual({
      officers_check: false,
      beneficial_owners_check: false,
      background_check_nodes_check: true,
    });
    const live = await call(emulator, "GET", "/api/v6/providers");
    // The provider object carries each setting's current value beside its name.
    const complyCube = (live.json as Record<string, unknown>[]).find((p) => p.name === "comply_cube");
    expect(complyCube).toMatchObject({ officers_check: false, background_check_nodes_check: true });
  });
});

describe("secrets Qard echoes", () => {
  it("scrubs a credential that Qard quotes in the error of a later call, from the message and the state", async () => {
    emulator.control.addFault({
      method: "PUT",
      path: "/api/v6/providers/shopify",
      status: 422,
      echo: "credentials",
    });
    const failure = await failureOf(provider.create(await checked({ ...shopify() })));
    const secret = "shop/app-secret-é-1";
    const echoed = JSON.stringify(secret).slice(1, -1).replace("/", "\\/").replace("é", "\\u00e9");
    expect(failure.message).toContain("[REDACTED]");
    const everything = JSON.stringify({
      message: failure.message,
      stack: failure.stack,
      reasons: failure.reasons,
    });
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(echoed);
    expect(everything).not.toContain("shop-app-id");
    expect(failure.id).toBe("shopify");
    expect(failure.message).toMatch(/Already written: credentials, settings/);
  });

  it("scrubs a credential quoted back, PHP-escaped, in the error of the call that sent it", async () => {
    emulator.control.addFault({
      method: "PUT",
      path: "/api/v6/providers/shopify/credentials",
      status: 422,
      echo: "body",
    });
    const failure = await failureOf(provider.create(await checked({ ...shopify() })));
    expect(failure.message).toMatch(/Rejected request body/);
    expect(failure.message).not.toContain("\\u00e9-1");
    expect(failure.message).toMatch(/Nothing was written to Qard for it/);
  });
});

describe("adoption", () => {
  it("warns at check, naming the provider and what changes, when a create takes over an enabled provider", async () => {
    emulator.control.patchProvider("shopify", { enabled: true, settings: { auto_connect: false } });
    await checked({ ...shopify() });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Qard provider "shopify" is already enabled in Qard');
    expect(warnings[0]).toContain("settings.auto_connect: false => true");
    expect(warnings[0]).toContain("credentials: overwritten");
    expect(warnings[0]).not.toContain("shop/app-secret");
  });

  it("says nothing for a provider that is not enabled", async () => {
    await checked({ ...shopify() });
    expect(warnings).toEqual([]);
  });

  it("refuses the takeover with adoptExisting: false, at check and at create, before any write", async () => {
    emulator.control.patchProvider("shopify", { enabled: true });
    const result = await provider.check({}, { ...shopify(), adoptExisting: false });
    expect(result.failures).toEqual([
      { property: "adoptExisting", reason: expect.stringContaining('"shopify" is already enabled in Qard') },
    ]);
    const failure = await failureOf(provider.create({ ...(result.inputs as ProviderInputs) }));
    expect(failure.message).toMatch(/adoptExisting is false: nothing was written/);
    expect(apiWrites(emulator.control)).toEqual([]);
  });
});

describe("replacement", () => {
  it("checks the new providerName against Qard before the old provider is disabled", async () => {
    const outs = (await provider.create(await checked({ providerName: "company_legal_fr" }))).outs;
    emulator.control.clearRequests();
    const result = await provider.check(outs, { providerName: "company_legal_fx" });
    expect(result.failures).toEqual([
      {
        property: "providerName",
        reason: 'Qard has no provider named "company_legal_fx" for this account: check providerName',
      },
    ]);
    expect(apiWrites(emulator.control)).toEqual([]);
  });
});

describe("bad credential values", () => {
  it("refuses empty and whitespace values at check, naming the keys", async () => {
    const result = await provider.check(
      {},
      { ...shopify({ credentials: { client_id: "", client_secret: "   " } }) },
    );
    expect(result.failures).toEqual([
      {
        property: "credentials",
        reason: "client_id: must not be empty or whitespace; client_secret: must not be empty or whitespace",
      },
    ]);
  });

  it("refuses them at create too, before any write", async () => {
    const failure = await failureOf(
      provider.create(shopify({ credentials: { client_id: "shop-app-id", client_secret: " " } })),
    );
    expect(failure.message).toMatch(/key "client_secret" is empty\. Nothing was written to Qard for it/);
    expect(apiWrites(emulator.control)).toEqual([]);
  });
});

describe("credentials removed from the configuration", () => {
  it("lets go of them in one update with no write, says Qard keeps them, and then sees no change", async () => {
    const outs = (await provider.create(await checked({ ...shopify() }))).outs as ProviderOutputs;
    emulator.control.clearRequests();
    const news = await checked({ ...shopify({ credentials: undefined }) }, outs);
    expect(warnings.join("\n")).toMatch(/credentials are no longer managed.*Qard keeps the last value/);
    expect((await provider.diff("shopify", outs, news)).changes).toBe(true);
    const updated = (await provider.update("shopify", outs, news)).outs as ProviderOutputs;
    expect(apiWrites(emulator.control)).toEqual([]);
    expect(updated.credentials).toBeUndefined();
    expect(updated.credentialsSource).toBe("none");
    expect(emulator.control.credentialsOf("shopify")?.client_id).toBe("shop-app-id");
    const again = await checked({ ...shopify({ credentials: undefined }) }, updated);
    expect((await provider.diff("shopify", updated, again)).changes).toBe(false);
  });
});
