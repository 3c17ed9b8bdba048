// The provider endpoints (provider-endpoints.ts), through the QardClient facade and a scripted fetch.
import { describe, expect, it } from "vitest";
import { QardConfigError } from "../../providers/src/qard/index.ts";
import { PROVIDER_JSON, type ScriptedReply } from "./helpers/fake-fetch.ts";
import { BASE, clientWith } from "./helpers/scripted-client.ts";

describe("the provider endpoints", () => {
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

  it("refuses an empty provider name before sending anything", async () => {
    const { client, calls } = clientWith([{ status: 204 }]);
    await expect(client.setEnabled("", true)).rejects.toThrow(QardConfigError);
    expect(calls).toHaveLength(0);
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
});
