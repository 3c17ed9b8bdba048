/**
 * Neither the API key nor a credential value may leave the client through an error (message, stack,
 * enumerable fields, cause, however it is printed) or through the onRequest hook, whatever went wrong.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  QardClient,
  QardError,
  type QardClientOptions,
  type RequestEvent,
} from "../../providers/src/qard/index.ts";
import { spellingsOf } from "../../providers/src/qard/redact.ts";
import { startEmulatorForClientSuite } from "./helpers/emulator.ts";
import { scriptedFetch, type ScriptedReply } from "./helpers/fake-fetch.ts";

const KEY = "fake-api-key-SUPERSECRET-41b7";
// A slash and an accented letter: echoes spell them differently (JSON, URL, PHP's json_encode).
const CLIENT_SECRET = "fake-client-secret/TOPSÉCRET-9d2c";
const CLIENT_ID = "fake-client-id-PRIVATE-77e1";
const SECRETS = [KEY, CLIENT_SECRET, CLIENT_ID];

/** Every way an error gets printed or serialised in practice. */
function renderings(error: unknown): string[] {
  const texts = [String(error), inspect(error, { depth: Infinity, showHidden: true }), JSON.stringify(error)];
  if (error instanceof Error) {
    texts.push(error.message, error.stack ?? "", JSON.stringify({ ...error }));
    const cause: unknown = error.cause;
    if (cause !== undefined) {
      texts.push(String(cause), inspect(cause, { depth: Infinity, showHidden: true }), JSON.stringify(cause));
      if (cause instanceof Error) texts.push(cause.message, cause.stack ?? "");
    }
  }
  return texts;
}

function expectNoSecret(texts: string[]): void {
  for (const text of texts) {
    for (const secret of SECRETS) {
      for (const spelling of spellingsOf(secret)) expect(text).not.toContain(spelling);
    }
  }
}

async function failureOf(
  replies: ScriptedReply[],
  call: (client: QardClient) => Promise<unknown>,
  options: Partial<QardClientOptions> = {},
): Promise<{ error: unknown; events: RequestEvent[] }> {
  const events: RequestEvent[] = [];
  const client = new QardClient({
    baseUrl: "https://api.qard.test",
    apiKey: KEY,
    fetch: scriptedFetch(...replies).fetch,
    timeScale: 0,
    timeoutMs: 30,
    onRequest: (event) => events.push(event),
    ...options,
  });
  const error = await call(client).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QardError);
  return { error, events };
}

const putShopify = (client: QardClient) =>
  client.putCredentials("shopify", { client_id: CLIENT_ID, client_secret: CLIENT_SECRET });

/** An error answer that echoes everything it was sent, in every field and spelling. */
const echo = (status: number): ScriptedReply => ({
  status,
  statusText: `Bad ${CLIENT_SECRET}`,
  headers: { "retry-after": "0" },
  json: {
    error_code: `E_${CLIENT_ID}`,
    error_message: `client_secret "${CLIENT_SECRET}" rejected for key ${KEY} (${encodeURIComponent(CLIENT_SECRET)})`,
    error_details: {
      client_secret: CLIENT_SECRET,
      [CLIENT_ID]: [KEY],
      escaped: JSON.stringify(CLIENT_SECRET),
    },
  },
});

describe("secrets never leave the client (injected fetch)", () => {
  it("a 422 whose message and details echo the values sent", async () => {
    const { error, events } = await failureOf([echo(422)], putShopify);
    expect(error).toMatchObject({ status: 422, code: "E_[REDACTED]" });
    expect((error as Error).message).toContain('client_secret "[REDACTED]" rejected for key [REDACTED]');
    expectNoSecret([...renderings(error), JSON.stringify(events), inspect(events)]);
  });

  it("a 503 that echoes the values, retried until exhaustion", async () => {
    const { error, events } = await failureOf([echo(503)], putShopify, { retry: { maxAttempts: 3 } });
    expect(error).toMatchObject({ status: 503, attempts: 3 });
    expect(events).toHaveLength(3);
    expectNoSecret([...renderings(error), JSON.stringify(events), inspect(events)]);
  });

  it("a 500 that echoes the values", async () => {
    const { error, events } = await failureOf([echo(500)], putShopify);
    expect(error).toMatchObject({ status: 500, attempts: 1 });
    expectNoSecret([...renderings(error), JSON.stringify(events)]);
  });

  it("a network error whose fetch error carries the request (headers and body)", async () => {
    // Some HTTP libraries put the whole request in their errors; none of it may come through.
    const leaky = Object.assign(new Error(`connect failed for key ${KEY} body ${CLIENT_SECRET}`), {
      code: "ECONNRESET",
      config: { headers: { "X-API-KEY": KEY }, body: JSON.stringify({ client_secret: CLIENT_SECRET }) },
    });
    const { error, events } = await failureOf([{ error: leaky }], putShopify, { retry: { maxAttempts: 2 } });
    expect(error).toMatchObject({ name: "QardNetworkError", kind: "reset", attempts: 2 });
    expectNoSecret([...renderings(error), JSON.stringify(events), inspect(events)]);
  });

  it("an unclassified network error quoting the values", async () => {
    const odd = Object.assign(new Error(`weird failure ${KEY} ${CLIENT_ID}`), { code: "EWHATEVER" });
    const { error, events } = await failureOf([{ error: odd }], putShopify, { retry: { maxAttempts: 1 } });
    expect((error as Error).message).toContain(
      "network error (EWHATEVER): weird failure [REDACTED] [REDACTED]",
    );
    expectNoSecret([...renderings(error), JSON.stringify(events)]);
  });

  it("a timeout", async () => {
    const { error, events } = await failureOf([{ hang: true }], putShopify, { retry: { maxAttempts: 2 } });
    expect(error).toMatchObject({ kind: "timeout" });
    expectNoSecret([...renderings(error), JSON.stringify(events)]);
  });

  it("a 2xx answer that is not JSON and quotes the key", async () => {
    const { error } = await failureOf(
      [{ status: 200, text: `<html>${KEY}</html>`, headers: { "content-type": "text/html" } }],
      (client) => client.listProviders(),
    );
    expect(error).toMatchObject({ name: "QardResponseError" });
    expectNoSecret(renderings(error));
  });

  it("a 2xx answer of the wrong shape holding the values", async () => {
    const { error } = await failureOf(
      [{ status: 200, json: [{ name: CLIENT_SECRET, enabled: KEY }] }],
      (client) => client.listProviders(),
    );
    expect(error).toMatchObject({ name: "QardResponseError" });
    expectNoSecret(renderings(error));
  });

  it("a credential of the wrong type", async () => {
    const { error } = await failureOf([{ status: 204 }], (client) =>
      client.putCredentials("shopify", {
        client_id: CLIENT_ID,
        client_secret: { v: CLIENT_SECRET } as unknown as string,
      }),
    );
    expect(error).toMatchObject({ name: "QardConfigError" });
    expectNoSecret(renderings(error));
  });
});

describe("secrets never leave the client (emulator)", () => {
  const emulator = startEmulatorForClientSuite({ apiKeys: [KEY] });
  const CREDENTIALS = "/api/v6/providers/shopify/credentials";

  it.each([
    [
      "a 422 from Qard's own validation",
      () => undefined,
      (c: QardClient) => c.putCredentials("shopify", { client_id: CLIENT_SECRET }),
    ],
    [
      "a 503 until exhaustion",
      () => emulator.control.addFault({ path: CREDENTIALS, status: 503, times: 10 }),
      putShopify,
    ],
    ["an injected 500", () => emulator.control.addFault({ path: CREDENTIALS, status: 500 }), putShopify],
    [
      "resets until exhaustion",
      () => emulator.control.addFault({ path: CREDENTIALS, reset: true, times: 10 }),
      putShopify,
    ],
    [
      "hangs until exhaustion",
      () => emulator.control.addFault({ path: CREDENTIALS, hang: true, times: 10 }),
      putShopify,
    ],
  ])("%s", async (_label, arrange, call) => {
    arrange();
    const events: RequestEvent[] = [];
    const client = emulator.client({ apiKey: KEY, timeoutMs: 50, onRequest: (event) => events.push(event) });
    const error = await call(client).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QardError);
    expect(events.length).toBeGreaterThan(0);
    expectNoSecret([...renderings(error), JSON.stringify(events), inspect(events)]);
  });

  it("a wrong key is not echoed either", async () => {
    const wrong = "fake-api-key-WRONG-SECRET-00";
    const client = emulator.client({ apiKey: wrong });
    const error = await client.listProviders().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "QardAuthError" });
    for (const text of renderings(error)) expect(text).not.toContain(wrong);
  });
});
