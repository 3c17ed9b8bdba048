import { beforeEach, describe, expect, it } from "vitest";
import { accountFingerprint } from "@qard-iac/pulumi-qard/internal";
import { call, EMULATOR_API_KEY } from "../helpers/emulator.ts";
import { apiCalls } from "../helpers/api-calls.ts";
import { freePort } from "../helpers/free-port.ts";
import { startProviderOnEmulator } from "../helpers/provider-fixture.ts";
import { loadSerializedProvider } from "../helpers/serialized-provider.ts";
import type { ProviderInputs, ProviderOutputs } from "@qard-iac/pulumi-qard/internal";

const { emulator, provider, checked } = startProviderOnEmulator();

const shopify = (overrides: Partial<ProviderInputs> = {}): ProviderInputs => ({
  providerName: "shopify",
  credentials: { client_id: "shop-app-id", client_secret: "shop-app-secret-1" },
  settings: { auto_connect: true },
  enabled: true,
  schemaVersion: 1,
  ...overrides,
});

describe("create", () => {
  it("reads the documented list once, then writes credentials, settings and enable in the order Qard needs", async () => {
    const created = await provider.create(await checked({ ...shopify() }));
    expect(created.id).toBe("shopify");
    expect(apiCalls(emulator.control)).toEqual([
      "GET /api/v6/providers",
      "PUT /api/v6/providers/shopify/credentials",
      "PUT /api/v6/providers/shopify/settings",
      "PUT /api/v6/providers/shopify",
    ]);
    expect(emulator.control.credentialsOf("shopify")).toEqual({
      client_id: "shop-app-id",
      client_secret: "shop-app-secret-1",
    });
    const outs = created.outs as ProviderOutputs;
    expect(outs).toMatchObject({
      enabled: true,
      settings: { auto_connect: true },
      credentialsSource: "value",
      available: true,
    });
  });

  it("adopts a provider configured by hand: writes credentials (unreadable) and only what differs", async () => {
    await provider.create(await checked({ ...shopify() }));
    emulator.control.clearRequests();
    const adopted = await provider.create(await checked({ ...shopify() }));
    expect(apiCalls(emulator.control)).toEqual([
      "GET /api/v6/providers",
      "PUT /api/v6/providers/shopify/credentials",
    ]);
    expect(adopted.outs).toMatchObject({ enabled: true, settings: { auto_connect: true } });
  });

  it("writes no credentials for a provider that takes none", async () => {
    await provider.create(
      await checked({ providerName: "company_legal_fr", settings: { auto_connect: false } }),
    );
    expect(apiCalls(emulator.control)).toEqual([
      "GET /api/v6/providers",
      "PUT /api/v6/providers/company_legal_fr",
    ]);
  });

  it("refuses, before any write, a provider Qard does not offer to the account", async () => {
    emulator.control.patchProvider("shopify", { available: false });
    emulator.control.clearRequests();
    await expect(provider.create(await checked({ ...shopify() }))).rejects.toThrow(
      /not available for this account/,
    );
    expect(apiCalls(emulator.control)).toEqual(["GET /api/v6/providers"]);
  });

  it("refuses, at check (so in preview) and again at create, a provider Qard does not know", async () => {
    const result = await provider.check({}, { providerName: "no_such_provider" });
    expect(result.failures).toEqual([
      {
        property: "providerName",
        reason: 'Qard has no provider named "no_such_provider" for this account: check providerName',
      },
    ]);
    await expect(
      provider.create({ ...(result.inputs as ProviderInputs), providerName: "no_such_provider" }),
    ).rejects.toThrow(/Qard has no provider named "no_such_provider"/);
    expect(apiCalls(emulator.control).filter((call) => !call.startsWith("GET"))).toEqual([]);
  });

  it("reports a failure after the first write with the resource id, and the next update resumes", async () => {
    emulator.control.addFault({
      method: "PUT",
      path: "/api/v6/providers/shopify/settings",
      status: 422,
      times: 1,
    });
    const inputs = await checked({ ...shopify() });
    const failure = await provider.create(inputs).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    const partial = failure as Error & { id?: string; properties?: ProviderOutputs };
    expect(partial.message).toMatch(
      /settings failed.*Already written: credentials; the next `pulumi up` resumes/s,
    );
    expect(partial.id).toBe("shopify");
    expect(partial.properties).toMatchObject({ enabled: false, settings: { auto_connect: false } });

    emulator.control.clearRequests();
    const diff = await provider.diff("shopify", partial.properties as ProviderOutputs, inputs);
    expect(diff.changes).toBe(true);
    await provider.update("shopify", partial.properties as ProviderOutputs, inputs);
    expect(apiCalls(emulator.control)).toEqual([
      "GET /api/v6/providers",
      "PUT /api/v6/providers/shopify/settings",
      "PUT /api/v6/providers/shopify",
    ]);
  });

  it("fails cleanly, recording nothing, when the very first write fails", async () => {
    emulator.control.addFault({
      method: "PUT",
      path: "/api/v6/providers/shopify/credentials",
      status: 422,
      times: 1,
    });
    const failure = (await provider
      .create(await checked({ ...shopify() }))
      .catch((error: unknown) => error)) as Error & {
      id?: string;
    };
    expect(failure.message).toMatch(/Qard provider "shopify": credentials failed/);
    expect(failure.id).toBeUndefined();
  });
});

describe("diff and update", () => {
  let outs: ProviderOutputs;
  beforeEach(async () => {
    outs = (await provider.create(await checked({ ...shopify() }))).outs as ProviderOutputs;
    emulator.control.clearRequests();
  });

  it("sees no change when nothing changed, and makes no call", async () => {
    const diff = await provider.diff("shopify", outs, await checked({ ...shopify() }, outs));
    expect(diff).toMatchObject({ changes: false, replaces: [] });
    expect(apiCalls(emulator.control)).toEqual([]);
  });

  it("replaces only when providerName changes", async () => {
    const diff = await provider.diff(
      "shopify",
      outs,
      await checked(
        {
          ...shopify({
            providerName: "paypal",
            credentials: { is_sandbox: true, client_id: "a", client_secret: "b" },
          }),
        },
        outs,
      ),
    );
    expect(diff.replaces).toEqual(["providerName"]);
    const settingsOnly = await provider.diff(
      "shopify",
      outs,
      await checked({ ...shopify({ settings: { auto_connect: false } }) }, outs),
    );
    expect(settingsOnly).toMatchObject({ changes: true, replaces: [] });
  });

  it("changes one setting with one list read (for the full settings object) and one settings PUT", async () => {
    await provider.update(
      "shopify",
      outs,
      await checked({ ...shopify({ settings: { auto_connect: false } }) }, outs),
    );
    expect(apiCalls(emulator.control)).toEqual([
      "GET /api/v6/providers",
      "PUT /api/v6/providers/shopify/settings",
    ]);
  });

  it("disables with exactly one PUT", async () => {
    const updated = await provider.update(
      "shopify",
      outs,
      await checked({ ...shopify({ enabled: false }) }, outs),
    );
    expect(apiCalls(emulator.control)).toEqual(["PUT /api/v6/providers/shopify"]);
    expect(updated.outs).toMatchObject({ enabled: false });
  });

  it("sends new credentials with one PUT, and Qard holds them", async () => {
    const rotated = shopify({
      credentials: { client_id: "shop-app-id", client_secret: "shop-app-secret-2" },
    });
    await provider.update("shopify", outs, await checked({ ...rotated }, outs));
    expect(apiCalls(emulator.control)).toEqual(["PUT /api/v6/providers/shopify/credentials"]);
    expect(emulator.control.credentialsOf("shopify")?.client_secret).toBe("shop-app-secret-2");
  });

  it("lets a new implementation reach the resource through schemaVersion: an update with no API call", async () => {
    const next = await checked({ ...shopify(), schemaVersion: 2 }, outs);
    expect(await provider.diff("shopify", outs, next)).toMatchObject({ changes: true, replaces: [] });
    const updated = await provider.update("shopify", outs, next);
    expect(apiCalls(emulator.control)).toEqual([]);
    expect(updated.outs).toMatchObject({ schemaVersion: 2, enabled: true });
  });

  it("writes credentials before enabling when both change", async () => {
    const disabled = (
      await provider.update("shopify", outs, await checked({ ...shopify({ enabled: false }) }, outs))
    ).outs as ProviderOutputs;
    emulator.control.clearRequests();
    const next = shopify({ credentials: { client_id: "id-2", client_secret: "secret-2" } });
    await provider.update("shopify", disabled, await checked({ ...next }, disabled));
    expect(apiCalls(emulator.control)).toEqual([
      "PUT /api/v6/providers/shopify/credentials",
      "PUT /api/v6/providers/shopify",
    ]);
  });
});

describe("read", () => {
  it("makes one GET, keeps the id, mirrors live enabled and settings into inputs, carries credentials", async () => {
    const outs = (await provider.create(await checked({ ...shopify() }))).outs as ProviderOutputs;
    emulator.control.patchProvider("shopify", { enabled: false, settings: { auto_connect: false } });
    emulator.control.clearRequests();
    const read = await provider.read("shopify", outs);
    expect(apiCalls(emulator.control)).toEqual(["GET /api/v6/providers"]);
    expect(read.id).toBe("shopify");
    expect(read.inputs).toMatchObject({
      enabled: false,
      settings: { auto_connect: false },
      credentials: shopify().credentials,
    });
    const diff = await provider.diff(
      "shopify",
      read.props as ProviderOutputs,
      await checked({ ...shopify() }),
    );
    expect(diff.changes).toBe(true);
  });

  it("shows a provider Qard no longer offers as not enabled, and says why when asked to enable it", async () => {
    const outs = (await provider.create(await checked({ ...shopify() }))).outs as ProviderOutputs;
    emulator.control.patchProvider("shopify", { available: false });
    const read = await provider.read("shopify", outs);
    expect(read.props).toMatchObject({ available: false, enabled: false });
    const news = await checked({ ...shopify() });
    expect((await provider.diff("shopify", read.props as ProviderOutputs, news)).changes).toBe(true);
    await expect(provider.update("shopify", read.props as ProviderOutputs, news)).rejects.toThrow(
      /enabling failed/,
    );
  });
});

describe("delete", () => {
  it("disables the provider with one PUT (Qard has no delete)", async () => {
    const outs = (await provider.create(await checked({ ...shopify() }))).outs as ProviderOutputs;
    emulator.control.clearRequests();
    await provider.delete("shopify", outs);
    expect(apiCalls(emulator.control)).toEqual(["PUT /api/v6/providers/shopify"]);
    expect(emulator.control.requests()[0]?.body).toEqual({ enable: false });
  });

  it("counts a provider as gone only when Qard's provider list no longer has it", async () => {
    await provider.delete("retired", { providerName: "retired" } as ProviderOutputs);
    expect(apiCalls(emulator.control)).toEqual(["PUT /api/v6/providers/retired", "GET /api/v6/providers"]);
  });

  it("fails, naming qard:apiUrl, on a 404 from a route that does not exist (a wrong base path)", async () => {
    const outs = (await provider.create(await checked({ ...shopify() }))).outs as ProviderOutputs;
    const wrongUrl = `${emulator.baseUrl}/not-qard`;
    // Another URL is another account to the recorded fingerprint: refused before any call, unless the
    // stack confirms the move with qard:fingerprint, as here (then the 404 is what stops the delete).
    const unconfirmed = await loadSerializedProvider({
      "qard:apiUrl": wrongUrl,
      "qard:apiKey": EMULATOR_API_KEY,
    });
    emulator.control.clearRequests();
    await expect(unconfirmed.delete("shopify", outs)).rejects.toThrow(/now points at another Qard account/);
    expect(emulator.control.requests()).toEqual([]);
    const misdirected = await loadSerializedProvider({
      "qard:apiUrl": wrongUrl,
      "qard:apiKey": EMULATOR_API_KEY,
      "qard:fingerprint": accountFingerprint(wrongUrl, EMULATOR_API_KEY),
    });
    await expect(misdirected.delete("shopify", outs)).rejects.toThrow(
      /could not disable it: .*404.*it stays in the stack.*qard:apiUrl \(http:\/\/127\.0\.0\.1:\d+\/not-qard\)/s,
    );
    const live = await call(emulator, "GET", "/api/v6/providers/shopify");
    expect(live.json).toMatchObject({ enabled: true });
    // The same wrong URL cannot read it either: a refresh fails instead of dropping the resource.
    await expect(misdirected.read("shopify", outs)).rejects.toThrow(/404/);
  });
});

describe("check of a new resource (preview) with a key or a URL that does not work", () => {
  it("fails naming qard:apiKey when Qard refuses the key", async () => {
    const refused = await loadSerializedProvider({
      "qard:apiUrl": emulator.baseUrl,
      "qard:apiKey": "not-the-emulator-key",
    });
    const result = await refused.check({}, { ...shopify() });
    expect(result.failures).toEqual([
      {
        property: "providerName",
        reason: expect.stringMatching(/refused the API key from qard:apiKey.*401/),
      },
    ]);
    expect(JSON.stringify(result)).not.toContain("not-the-emulator-key");
  });

  it("fails naming qard:apiUrl when the URL refuses connections", async () => {
    const port = await freePort();
    const unreachable = await loadSerializedProvider({
      "qard:apiUrl": `http://127.0.0.1:${port}`,
      "qard:apiKey": EMULATOR_API_KEY,
    });
    const result = await unreachable.check({}, { ...shopify() });
    expect(result.failures).toEqual([
      {
        property: "providerName",
        reason: expect.stringMatching(
          /cannot reach Qard at http:\/\/127\.0\.0\.1:\d+ \(qard:apiUrl\): .*connection refused/,
        ),
      },
    ]);
  });

  it("fails naming qard:apiUrl when the URL is not the Qard API (404 on the provider list)", async () => {
    const misdirected = await loadSerializedProvider({
      "qard:apiUrl": `${emulator.baseUrl}/not-qard`,
      "qard:apiKey": EMULATOR_API_KEY,
    });
    const result = await misdirected.check({}, { ...shopify() });
    expect(result.failures).toEqual([
      {
        property: "providerName",
        reason: expect.stringMatching(/qard:apiUrl .* does not point at the Qard API/),
      },
    ]);
  });

  it("only warns when the run has no key at all (a pull-request preview)", async () => {
    const previous = process.env.QARD_API_KEY;
    delete process.env.QARD_API_KEY;
    try {
      const keyless = await loadSerializedProvider({ "qard:apiUrl": emulator.baseUrl });
      const result = await keyless.check({}, { ...shopify() });
      expect(result.failures ?? []).toEqual([]);
    } finally {
      if (previous !== undefined) process.env.QARD_API_KEY = previous;
    }
  });
});

describe("connection settings", () => {
  it("an error at up names the stack setting (qard:apiUrl), not the client's option, and has no stack frames", async () => {
    const unreachable = await loadSerializedProvider({
      "qard:apiUrl": `http://127.0.0.1:${await freePort()}`,
      "qard:apiKey": EMULATOR_API_KEY,
    });
    const error = (await unreachable.create({ ...shopify() }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/connection refused .*qard:apiUrl/);
    expect(error.message).not.toMatch(/baseUrl/);
    // How Pulumi's dynamic-provider host prints a failed read or delete.
    expect(`${String(error)}: ${error.stack}`).toBe(`Error: ${error.message}`);
  });

  it("says how to give the API key when none is configured", async () => {
    const previous = process.env.QARD_API_KEY;
    delete process.env.QARD_API_KEY;
    try {
      const keyless = await loadSerializedProvider({ "qard:apiUrl": emulator.baseUrl });
      await expect(keyless.create(await checked({ providerName: "company_legal_fr" }))).rejects.toThrow(
        /pulumi config set --secret qard:apiKey/,
      );
    } finally {
      if (previous !== undefined) process.env.QARD_API_KEY = previous;
    }
  });

  it("reads the API key from QARD_API_KEY when stack config has none", async () => {
    process.env.QARD_API_KEY = EMULATOR_API_KEY;
    try {
      const fromEnv = await loadSerializedProvider({ "qard:apiUrl": emulator.baseUrl });
      await expect(
        fromEnv.create(await checked({ providerName: "company_legal_fr" })),
      ).resolves.toMatchObject({
        id: "company_legal_fr",
      });
    } finally {
      delete process.env.QARD_API_KEY;
    }
  });
});
