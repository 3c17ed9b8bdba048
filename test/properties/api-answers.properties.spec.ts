import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QardClient, QardError, type FetchLike } from "../../providers/src/qard/index.ts";
import { configurePropertyRuns } from "../helpers/property-runs.ts";
import { jsonValue } from "./arbitraries.ts";

configurePropertyRuns();

const API_KEY = "api-key-canary-Hq2";
const SECRET = "client-secret-canary-Wm7";

const PROVIDER_KEYS = [
  ...["name", "enabled", "available", "settings", "credentials_config", "data_types", "auto_connect"],
  ...["result", "current_page", "last_page", "id", "status", "data_type", "provider_name"],
  ...["error_code", "error_message", "message", "error_details"],
];

/** A provider object with each field either right or random: the answers a schema has to sort out. */
const providerLike = fc.record(
  {
    name: fc.oneof(fc.constantFrom("shopify", ""), jsonValue([], 1)),
    enabled: fc.oneof(fc.boolean(), jsonValue([], 1)),
    available: fc.oneof(fc.boolean(), jsonValue([], 1)),
    settings: fc.oneof(fc.constant(["auto_connect"]), fc.constant({ auto_connect: true }), jsonValue([], 1)),
    credentials_config: fc.oneof(fc.constant(["client_id"]), jsonValue([], 1)),
    auto_connect: fc.boolean(),
  },
  { requiredKeys: [] },
);

const bodyValue = fc.oneof(
  jsonValue(PROVIDER_KEYS),
  fc.array(providerLike, { maxLength: 3 }),
  fc.record({ result: fc.array(providerLike, { maxLength: 2 }), last_page: fc.integer({ min: -1, max: 3 }) }),
  fc.record({
    error_message: fc.constantFrom(`bad ${SECRET}`, `key ${API_KEY}`),
    error_details: jsonValue(),
  }),
);

const bodyText = fc.oneof(
  bodyValue.map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "",
    "<!DOCTYPE html><html><body>login</body></html>",
    `<html>echo ${SECRET} ${API_KEY}</html>`,
    `{"credentials":{"client_secret":"${SECRET.replace("-", "\\u002d")}"}}`,
    `plain echo ${SECRET}`,
  ),
);

const headerValue = fc.oneof(fc.constant(null), fc.string({ maxLength: 20 }));
const answer = fc.record({
  status: fc.integer({ min: 200, max: 599 }),
  statusText: fc.string({ maxLength: 10 }),
  contentType: fc.oneof(
    fc.constantFrom("application/json", "text/html; charset=utf-8", "text/plain", "application/xhtml+xml"),
    headerValue,
  ),
  retryAfter: headerValue,
  location: fc.oneof(fc.constantFrom("https://elsewhere.example/x", "/login"), headerValue),
  contentLength: fc.oneof(
    fc.constant(null),
    fc.nat({ max: 3_000_000 }).map(String),
    fc.string({ maxLength: 5 }),
  ),
  text: bodyText,
});
type Answer = typeof answer extends fc.Arbitrary<infer A> ? A : never;

/** Answers every attempt of every call with the same generated answer. */
function fetchAnswering(reply: Answer): FetchLike {
  const headers: Record<string, string | null> = {
    "content-type": reply.contentType,
    "retry-after": reply.retryAfter,
    location: reply.location,
    "content-length": reply.contentLength,
  };
  return async () => ({
    status: reply.status,
    statusText: reply.statusText,
    headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
    text: async () => reply.text,
  });
}

const CALLS = {
  listProviders: (client: QardClient) => client.listProviders(),
  putCredentials: (client: QardClient) =>
    client.putCredentials("shopify", { client_id: "id", client_secret: SECRET }),
  putSettings: (client: QardClient) => client.putSettings("shopify", { auto_connect: true }),
  setEnabled: (client: QardClient) => client.setEnabled("shopify", true),
  latestSyncs: (client: QardClient) => client.latestSyncs("user-1"),
  startSync: (client: QardClient) => client.startSync("user-1"),
  createLegalUser: (client: QardClient) => client.createLegalUser({ name: "Acme" }),
} as const;

describe("any answer (status, headers, body) to any call", () => {
  it("gives a typed result or a QardError, whose message quotes neither the key nor a sent secret", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(CALLS) as (keyof typeof CALLS)[])),
        answer,
        async (call, reply) => {
          const client = new QardClient({
            baseUrl: "https://api.qard.test",
            apiKey: API_KEY,
            fetch: fetchAnswering(reply),
            retry: { maxAttempts: 2 },
            timeScale: 0,
          });
          let outcome: unknown;
          try {
            outcome = await CALLS[call](client);
          } catch (error) {
            expect(error).toBeInstanceOf(QardError);
            const text = `${(error as Error).message} ${JSON.stringify(error)}`;
            expect(text).not.toContain(API_KEY);
            // The credential is a secret of the call that sent it; other calls never had it.
            if (call === "putCredentials") expect(text).not.toContain(SECRET);
            return;
          }
          expect(reply.status).toBeGreaterThanOrEqual(200);
          expect(reply.status).toBeLessThan(300);
          if (call === "listProviders" || call === "latestSyncs" || call === "startSync") {
            expect(Array.isArray(outcome)).toBe(true);
          }
        },
      ),
    );
  });
});
