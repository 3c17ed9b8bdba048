import { describe, expect, it } from "vitest";
import {
  QardApiError,
  QardClient,
  QardNetworkError,
  QardRateLimitError,
  type QardClientOptions,
  type RequestEvent,
} from "../../providers/src/qard/index.ts";
import { PROVIDER_JSON, scriptedFetch, systemError, type ScriptedReply } from "./helpers/fake-fetch.ts";

function clientWith(replies: ScriptedReply[], options: Partial<QardClientOptions> = {}) {
  const scripted = scriptedFetch(...replies);
  const events: RequestEvent[] = [];
  const client = new QardClient({
    baseUrl: "https://api.qard.test",
    apiKey: "test-key",
    fetch: scripted.fetch,
    timeScale: 0.01,
    onRequest: (event) => events.push(event),
    ...options,
  });
  return { client, calls: scripted.calls, events };
}

const ok: ScriptedReply = { status: 200, json: [PROVIDER_JSON] };
const unavailable: ScriptedReply = { status: 503, statusText: "Service Unavailable" };

describe("QardClient retries", () => {
  it.each<[string, ScriptedReply]>([
    ["429", { status: 429 }],
    ["502", { status: 502 }],
    ["503", unavailable],
    ["504", { status: 504 }],
    ["a reset connection", { error: systemError("ECONNRESET") }],
    ["a refused connection", { error: systemError("ECONNREFUSED") }],
    ["a socket hang up", { error: new Error("request failed, reason: socket hang up") }],
    ["a timeout", { hang: true }],
  ])("retries a GET after %s and returns the success", async (_label, failure) => {
    const { client, calls } = clientWith([failure, ok], { timeoutMs: 30 });
    await expect(client.listProviders()).resolves.toMatchObject([{ name: "shopify" }]);
    expect(calls).toHaveLength(2);
  });

  it.each([[400], [401], [403], [404], [409], [422], [500]])("never retries a %i", async (status) => {
    const { client, calls } = clientWith([{ status }, ok]);
    const error = await client.putSettings("shopify", { auto_connect: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardApiError);
    expect(error).toMatchObject({ status, attempts: 1 });
    expect(calls).toHaveLength(1);
  });

  it("gives up after maxAttempts and says how many attempts were made", async () => {
    const { client, calls } = clientWith([unavailable], { retry: { maxAttempts: 3 } });
    const error = await client.listProviders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardApiError);
    expect((error as Error).message).toBe(
      "GET /api/v6/providers failed with 503 Service Unavailable after 3 attempts",
    );
    expect(error).toMatchObject({ attempts: 3 });
    expect(calls).toHaveLength(3);
  });

  it("throws a QardRateLimitError when 429 outlasts the retries", async () => {
    const { client } = clientWith([{ status: 429, headers: { "Retry-After": "0" } }], {
      retry: { maxAttempts: 2 },
    });
    const error = await client.listProviders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardRateLimitError);
    expect(error).toMatchObject({ status: 429, attempts: 2 });
  });

  it("honours Retry-After (scaled by timeScale)", async () => {
    // Read as 3 s, the wait would not fit the 1 s budget and the client would give up at once (next test);
    // scaled to 30 ms it fits. That the loop sleeps the wait it computes is counted in retry.spec.ts.
    const { client, calls } = clientWith([{ status: 429, headers: { "Retry-After": "3" } }, ok], {
      timeScale: 0.01,
      retry: { budgetMs: 1000 },
    });
    await expect(client.listProviders()).resolves.toMatchObject([{ name: "shopify" }]);
    expect(calls).toHaveLength(2);
  });

  it("gives up at once when Retry-After exceeds the budget, and says so", async () => {
    const { client, calls } = clientWith([{ status: 429, headers: { "Retry-After": "120" } }], {
      timeScale: 1,
      retry: { budgetMs: 1000 },
    });
    const error = await client.listProviders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardRateLimitError);
    expect((error as Error).message).toMatch(/after 1 attempt \(retry budget of 1000 ms exhausted\)/);
    expect(calls).toHaveLength(1);
  });

  it("stops within the time budget when attempts keep timing out", async () => {
    const { client, calls } = clientWith([{ hang: true }], {
      timeoutMs: 40,
      timeScale: 1,
      retry: { maxAttempts: 100, baseDelayMs: 10, maxDelayMs: 20, budgetMs: 200 },
    });
    // How the budget bounds the time is counted on a fake clock in retry.spec.ts; here, that the client
    // wires it: the budget, not the 100 allowed attempts, ends the call, and the message says so.
    const error = await client.listProviders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardNetworkError);
    expect(error).toMatchObject({ kind: "timeout" });
    const attempts = (error as QardNetworkError).attempts;
    expect(attempts).toBe(calls.length);
    expect(attempts).toBeGreaterThan(1);
    expect(attempts).toBeLessThan(100);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^GET /api/v6/providers: request timed out after \\d+ ms \\(${attempts} attempts, retry budget of 200 ms exhausted\\)$`,
      ),
    );
  });

  it("reports a timeout with the per-attempt limit", async () => {
    const { client } = clientWith([{ hang: true }], { timeoutMs: 30, retry: { maxAttempts: 2 } });
    await expect(client.listProviders()).rejects.toThrow(
      "GET /api/v6/providers: request timed out after 30 ms (2 attempts)",
    );
  });

  it("reports a refused connection with the host to check", async () => {
    const { client } = clientWith([{ error: systemError("ECONNREFUSED") }], { retry: { maxAttempts: 2 } });
    const error = await client.listProviders().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "refused", attempts: 2 });
    expect((error as Error).message).toBe(
      "GET /api/v6/providers: connection refused by api.qard.test; check baseUrl and that the server is up (2 attempts)",
    );
  });

  it("reports events for every attempt, with the network error described", async () => {
    const { client, events } = clientWith([{ error: systemError("ECONNRESET") }, ok]);
    await client.listProviders();
    expect(events).toEqual([
      {
        method: "GET",
        path: "/api/v6/providers",
        attempt: 1,
        durationMs: expect.any(Number),
        error: "connection reset before a complete answer was received",
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

  it("retries idempotent PUTs", async () => {
    const { client, calls } = clientWith([
      { error: systemError("ECONNRESET") },
      { status: 504 },
      { status: 204 },
    ]);
    await client.putCredentials("shopify", { client_id: "a", client_secret: "b" });
    expect(calls).toHaveLength(3);
  });
});

describe("QardClient retries of a POST that creates something", () => {
  const user: ScriptedReply = { status: 201, json: { id: "u1" } };

  it.each<[string, ScriptedReply]>([
    ["a reset (the user may exist already)", { error: systemError("ECONNRESET") }],
    ["a timeout", { hang: true }],
    ["a 502", { status: 502 }],
    ["a 504", { status: 504 }],
  ])("is not repeated after %s", async (_label, failure) => {
    const { client, calls } = clientWith([failure, user], { timeoutMs: 30 });
    const error = await client.createLegalUser({ name: "ACME" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ attempts: 1 });
    expect((error as Error).message).toMatch(/not retried: the POST may already have taken effect/);
    expect(calls).toHaveLength(1);
  });

  it.each<[string, ScriptedReply]>([
    ["a refused connection", { error: systemError("ECONNREFUSED") }],
    ["a 429", { status: 429 }],
    ["a 503", unavailable],
  ])("is repeated after %s, which says it was not processed", async (_label, failure) => {
    const { client, calls } = clientWith([failure, user]);
    await expect(client.createLegalUser({ name: "ACME" })).resolves.toEqual({ id: "u1" });
    expect(calls).toHaveLength(2);
  });
});
