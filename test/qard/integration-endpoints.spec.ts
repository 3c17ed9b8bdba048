// The integration endpoints `verify` uses (integration-endpoints.ts), through the QardClient facade.
import { describe, expect, it } from "vitest";
import { QardApiError } from "../../providers/src/qard/index.ts";
import { type ScriptedReply } from "./helpers/fake-fetch.ts";
import { BASE, clientWith, envelope } from "./helpers/scripted-client.ts";

describe("the integration endpoints", () => {
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
