// What every call goes through (request-pipeline.ts): usable answers only, and the onRequest events.
import { describe, expect, it } from "vitest";
import { QardResponseError, type RequestEvent } from "../../providers/src/qard/index.ts";
import { PROVIDER_JSON } from "./helpers/fake-fetch.ts";
import { clientWith } from "./helpers/scripted-client.ts";

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
