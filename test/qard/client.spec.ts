// The QardClient facade (client.ts): its options reach the pipeline, and instances share nothing.
import { describe, expect, it } from "vitest";
import { PROVIDER_JSON } from "./helpers/fake-fetch.ts";
import { BASE, clientWith } from "./helpers/scripted-client.ts";

describe("QardClient", () => {
  it("keeps a base URL path prefix", async () => {
    const { client, calls } = clientWith([{ status: 204 }], { baseUrl: `${BASE}/qard/` });
    await client.setEnabled("sandbox_public", true);
    expect(calls[0]?.url).toBe(`${BASE}/qard/api/v6/providers/sandbox_public`);
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
