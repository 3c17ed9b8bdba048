import { describe, expect, it } from "vitest";
import {
  QardApiError,
  QardClient,
  QardConfigError,
  QardResponseError,
  type QardClientOptions,
  type RequestEvent,
} from "../../providers/src/qard/index.ts";
import { PROVIDER_JSON, scriptedFetch, type ScriptedReply } from "./helpers/fake-fetch.ts";

const BASE = "https://api.qard.test";

function clientWith(replies: ScriptedReply[], options: Partial<QardClientOptions> = {}) {
  const scripted = scriptedFetch(...replies);
  const client = new QardClient({
    baseUrl: BASE,
    apiKey: "test-key",
    fetch: scripted.fetch,
    timeScale: 0,
    ...options,
  });
  return { client, calls: scripted.calls };
}

const provider = (name: string, extra: Record<string, unknown> = {}) => ({
  ...PROVIDER_JSON,
  name,
  ...extra,
});
const envelope = (result: unknown[], page: number, lastPage: number) => ({
  result,
  total: 99,
  per_page: 2,
  current_page: page,
  last_page: lastPage,
});

describe("QardClient operations", () => {
  it("listProviders sends GET with the key and parses the providers", async () => {
    const { client, calls } = clientWith([{ status: 200, json: [PROVIDER_JSON] }]);
    const result = await client.listProviders();
    expect(calls).toEqual([
      {
        url: `${BASE}/api/v6/providers`,
        method: "GET",
        headers: { "X-API-KEY": "test-key", Accept: "application/json" },
      },
    ]);
    expect(result).toMatchObject([
      { name: "shopify", enabled: false, credentialKeys: ["client_id", "client_secret"] },
    ]);
  });

  it("keeps a base URL path prefix", async () => {
    const { client, calls } = clientWith([{ status: 204 }], { baseUrl: `${BASE}/qard/` });
    await client.setEnabled("sandbox_public", true);
    expect(calls[0]?.url).toBe(`${BASE}/qard/api/v6/providers/sandbox_public`);
  });

  it("refuses an empty provider name before sending anything", async () => {
    const { client, calls } = clientWith([{ status: 204 }]);
    await expect(client.setEnabled("", true)).rejects.toThrow(QardConfigError);
    expect(calls).toHaveLength(0);
  });

  it("listProviders reads a bare array", async () => {
    const { client, calls } = clientWith([{ status: 200, json: [provider("a"), provider("b")] }]);
    expect((await client.listProviders()).map((p) => p.name)).toEqual(["a", "b"]);
    expect(calls).toHaveLength(1);
  });

  it("listProviders follows envelope pages until last_page", async () => {
    const { client, calls } = clientWith([
      { status: 200, json: envelope([provider("a"), provider("b")], 1, 3) },
      { status: 200, json: envelope([provider("c"), provider("d")], 2, 3) },
      { status: 200, json: envelope([provider("e")], 3, 3) },
    ]);
    expect((await client.listProviders()).map((p) => p.name)).toEqual(["a", "b", "c", "d", "e"]);
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/api/v6/providers`,
      `${BASE}/api/v6/providers?page=2`,
      `${BASE}/api/v6/providers?page=3`,
    ]);
  });

  it("follows a last_page that grows while paging", async () => {
    const growing = clientWith([
      { status: 200, json: envelope([provider("a")], 1, 2) },
      { status: 200, json: envelope([provider("b")], 2, 3) },
      { status: 200, json: envelope([provider("c")], 3, 3) },
    ]);
    expect((await growing.client.listProviders()).map((p) => p.name)).toEqual(["a", "b", "c"]);
  });

  it("refuses an envelope that answers the wrong page rather than looping", async () => {
    const { client } = clientWith([
      { status: 200, json: envelope([provider("a")], 1, 3) },
      { status: 200, json: envelope([provider("a")], 1, 3) },
    ]);
    await expect(client.listProviders()).rejects.toThrow(
      "GET /api/v6/providers?page=2: asked for page 2 but the answer is page 1",
    );
  });

  it("names the page and the item of a malformed provider in a list", async () => {
    const { client } = clientWith([
      { status: 200, json: envelope([provider("a")], 1, 2) },
      { status: 200, json: envelope([provider("b", { enabled: "yes" })], 2, 2) },
    ]);
    const error = await client.listProviders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardResponseError);
    expect((error as Error).message).toBe(
      "GET /api/v6/providers?page=2: field `result[0].enabled` must be a boolean",
    );
  });

  it("putCredentials sends {credentials} with booleans kept as JSON booleans", async () => {
    const { client, calls } = clientWith([{ status: 204 }]);
    await client.putCredentials("paypal", { is_sandbox: true, client_id: "id", client_secret: "secret" });
    expect(calls[0]).toMatchObject({
      url: `${BASE}/api/v6/providers/paypal/credentials`,
      method: "PUT",
      headers: { "Content-Type": "application/json" },
    });
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual({
      credentials: { is_sandbox: true, client_id: "id", client_secret: "secret" },
    });
  });

  it("refuses a credential that is neither string nor boolean, naming the key only", async () => {
    const { client, calls } = clientWith([{ status: 204 }]);
    const bad = { client_id: 12345 } as unknown as Record<string, string>;
    await expect(client.putCredentials("shopify", bad)).rejects.toThrow(
      'putCredentials: credential "client_id" must be a string or a boolean',
    );
    expect(calls).toHaveLength(0);
  });

  it.each(["", "   "])(
    "refuses a blank credential (%j) before any call, like the resource does",
    async (blank) => {
      const { client, calls } = clientWith([{ status: 204 }]);
      await expect(
        client.putCredentials("shopify", { client_id: blank, client_secret: "s" }),
      ).rejects.toThrow('putCredentials: credential "client_id" is empty');
      expect(calls).toHaveLength(0);
    },
  );

  it("putSettings sends the flat object; setEnabled sends {enable}", async () => {
    const { client, calls } = clientWith([{ status: 200, json: PROVIDER_JSON }]);
    await client.putSettings("shopify", { auto_connect: true });
    await client.setEnabled("shopify", false);
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ["PUT", `${BASE}/api/v6/providers/shopify/settings`, '{"auto_connect":true}'],
      ["PUT", `${BASE}/api/v6/providers/shopify`, '{"enable":false}'],
    ]);
  });

  it.each<[string, ScriptedReply]>([
    ["200 with the provider", { status: 200, json: PROVIDER_JSON }],
    ["200 with something else", { status: 200, json: { ok: true } }],
    ["200 with a non-JSON body", { status: 200, text: "OK", headers: { "content-type": "text/plain" } }],
    ["200 empty", { status: 200 }],
    ["201", { status: 201, json: PROVIDER_JSON }],
    ["202", { status: 202 }],
    ["204", { status: 204 }],
  ])("accepts a PUT answered %s", async (_label, reply) => {
    const { client } = clientWith([reply]);
    await expect(client.setEnabled("shopify", true)).resolves.toBeUndefined();
  });

  it("createLegalUser posts name and siren and reads the id", async () => {
    const { client, calls } = clientWith([{ status: 201, json: { id: "u1", name: "ACME", type: "LEGAL" } }]);
    expect(await client.createLegalUser({ name: "ACME", siren: "123456789" })).toEqual({
      id: "u1",
      name: "ACME",
    });
    expect(calls[0]).toMatchObject({ method: "POST", url: `${BASE}/api/v6/users/legal` });
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual({ name: "ACME", siren: "123456789" });
  });

  it("createDataConnection sends snake_case fields and reads the connection", async () => {
    const { client, calls } = clientWith([
      {
        status: 201,
        json: { id: "c1", provider_name: "shopify", status: "AUTH_REQUIRED", redirect_url: "https://auth" },
      },
    ]);
    const connection = await client.createDataConnection("u1", {
      providerName: "shopify",
      requestedDataTypes: ["COMMERCE_ORDER"],
      skipPermissions: true,
    });
    expect(connection).toEqual({
      id: "c1",
      providerName: "shopify",
      status: "AUTH_REQUIRED",
      redirectUrl: "https://auth",
    });
    expect(calls[0]?.url).toBe(`${BASE}/api/v6/users/u1/data-connections`);
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual({
      provider_name: "shopify",
      requested_data_types: ["COMMERCE_ORDER"],
      skip_permissions: true,
    });
  });

  it("getDataConnection reads one connection", async () => {
    const { client, calls } = clientWith([
      { status: 200, json: { id: "c1", provider_name: "shopify", status: "CONNECTED", redirect_url: null } },
    ]);
    expect(await client.getDataConnection("u1", "c1")).toEqual({
      id: "c1",
      providerName: "shopify",
      status: "CONNECTED",
    });
    expect(calls[0]?.url).toBe(`${BASE}/api/v6/users/u1/data-connections/c1`);
  });

  const sync = {
    id: "s1",
    data_type: "COMMERCE_ORDER",
    provider_name: "shopify",
    status: "QUEUED",
    completed_at: null,
  };

  it.each<[string, ScriptedReply, number]>([
    ["a bare array", { status: 201, json: [sync, { ...sync, id: "s2" }] }, 2],
    ["an envelope", { status: 201, json: { result: [sync] } }, 1],
    ["a single status", { status: 201, json: sync }, 1],
    ["an empty body", { status: 202 }, 0],
  ])("startSync reads %s", async (_label, reply, count) => {
    const { client } = clientWith([reply]);
    expect(await client.startSync("u1", ["COMMERCE_ORDER"])).toHaveLength(count);
  });

  it("startSync sends data_types, or an empty object for all types", async () => {
    const { client, calls } = clientWith([{ status: 201, json: [sync] }]);
    await client.startSync("u1", ["COMMERCE_ORDER"]);
    await client.startSync("u1");
    expect(calls.map((c) => [c.url, c.body])).toEqual([
      [`${BASE}/api/v6/users/u1/sync`, '{"data_types":["COMMERCE_ORDER"]}'],
      [`${BASE}/api/v6/users/u1/sync`, "{}"],
    ]);
  });

  it("startSync throws a 409 as a QardApiError with status 409, without retrying", async () => {
    const { client, calls } = clientWith([
      {
        status: 409,
        statusText: "Conflict",
        json: { error_code: "SYNC_IN_PROGRESS", error_message: "running" },
      },
    ]);
    const error = await client.startSync("u1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardApiError);
    expect(error).toMatchObject({ status: 409, code: "SYNC_IN_PROGRESS", attempts: 1 });
    expect(calls).toHaveLength(1);
  });

  it("latestSyncs reads the bare array", async () => {
    const { client, calls } = clientWith([{ status: 200, json: [{ ...sync, status: "SUCCESS" }] }]);
    expect(await client.latestSyncs("u1")).toEqual([
      { id: "s1", dataType: "COMMERCE_ORDER", providerName: "shopify", status: "SUCCESS", completedAt: null },
    ]);
    expect(calls[0]?.url).toBe(`${BASE}/api/v6/users/u1/sync/latest`);
  });

  it("listCommerce reads every page of a collection", async () => {
    const { client, calls } = clientWith([
      { status: 200, json: envelope([{ id: 1 }, { id: 2 }], 1, 2) },
      { status: 200, json: envelope([{ id: 3 }], 2, 2) },
    ]);
    expect(await client.listCommerce("u1", "orders")).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(calls[0]?.url).toBe(`${BASE}/api/v6/users/u1/commerce-orders`);
  });

  it("listCommerce refuses an unknown collection", async () => {
    const { client } = clientWith([{ status: 200, json: [] }]);
    await expect(client.listCommerce("u1", "invoices" as "orders")).rejects.toThrow(
      'listCommerce: collection must be one of locations, customers, products, orders, got "invoices"',
    );
  });
});

describe("QardClient answers it cannot use", () => {
  it("refuses an HTML page, quoting only a short excerpt", async () => {
    const { client } = clientWith([
      {
        status: 200,
        statusText: "OK",
        text: "<html>maintenance</html>",
        headers: { "content-type": "text/html" },
      },
    ]);
    const error = await client.listProviders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardResponseError);
    expect((error as Error).message).toBe(
      'GET /api/v6/providers: answer 200 is an HTML page (content-type text/html): "<html>maintenance</html>"; ' +
        "not counted as a success: check that qard:apiUrl (baseUrl) is the Qard API",
    );
  });

  it("reports an empty answer where JSON was needed", async () => {
    const { client } = clientWith([{ status: 200 }]);
    await expect(client.listProviders()).rejects.toThrow(
      "GET /api/v6/providers: answer 200 has an empty body; expected JSON",
    );
  });

  it("reports a provider with a wrong field type", async () => {
    const { client } = clientWith([{ status: 200, json: [{ ...PROVIDER_JSON, enabled: "true" }] }]);
    await expect(client.listProviders()).rejects.toThrow(
      "GET /api/v6/providers: field `[0].enabled` must be a boolean",
    );
  });
});

describe("onRequest", () => {
  it("reports each attempt with method, path, status, attempt number and duration", async () => {
    const events: RequestEvent[] = [];
    const { client } = clientWith([{ status: 503 }, { status: 200, json: [PROVIDER_JSON] }], {
      onRequest: (event) => events.push(event),
    });
    await client.listProviders();
    expect(events).toEqual([
      {
        method: "GET",
        path: "/api/v6/providers",
        status: 503,
        attempt: 1,
        durationMs: expect.any(Number),
      },
      {
        method: "GET",
        path: "/api/v6/providers",
        status: 200,
        attempt: 2,
        durationMs: expect.any(Number),
      },
    ]);
  });

  it("ignores a hook that throws", async () => {
    const { client } = clientWith([{ status: 200, json: [PROVIDER_JSON] }], {
      onRequest: () => {
        throw new Error("broken logger");
      },
    });
    await expect(client.listProviders()).resolves.toMatchObject([{ name: "shopify" }]);
  });
});

describe("instances", () => {
  it("share nothing: each uses its own fetch and key", async () => {
    const a = clientWith([{ status: 200, json: [PROVIDER_JSON] }], { apiKey: "key-a" });
    const b = clientWith([{ status: 200, json: [PROVIDER_JSON] }], { apiKey: "key-b" });
    await Promise.all([a.client.listProviders(), b.client.listProviders()]);
    expect(a.calls.map((c) => c.headers["X-API-KEY"])).toEqual(["key-a"]);
    expect(b.calls.map((c) => c.headers["X-API-KEY"])).toEqual(["key-b"]);
  });
});
