import { beforeEach, expect, test } from "vitest";
import { call, EMULATOR_API_KEY, startTestEmulator } from "../helpers/emulator.ts";

const emulator = startTestEmulator();

beforeEach(() => emulator.control.reset());

const SECRETS = { client_id: "id-value-4f1e9a", client_secret: "secret-value-b7d2c0" };

test("records method, path, query, status, duration, time and body in arrival order", async () => {
  const before = Date.now();
  await call(emulator, "GET", "/api/v6/providers?page=2&per_page=5");
  await call(emulator, "PUT", "/api/v6/providers/shopify/settings", { body: { auto_connect: true } });
  const [list, put] = emulator.control.requests();
  expect(list).toMatchObject({
    method: "GET",
    path: "/api/v6/providers",
    query: "page=2&per_page=5",
    status: 200,
  });
  expect(list?.body).toBeUndefined();
  expect(put).toMatchObject({ method: "PUT", path: "/api/v6/providers/shopify/settings", status: 200 });
  expect(put?.body).toEqual({ auto_connect: true });
  expect(Date.parse(put?.at ?? "")).toBeGreaterThanOrEqual(before - 1_000);
  expect(put?.durationMs).toBeGreaterThanOrEqual(0);
});

test("records rejected requests with their status", async () => {
  await call(emulator, "GET", "/api/v6/providers", { apiKey: "wrong" });
  await call(emulator, "PUT", "/api/v6/providers/shopify", { body: { enable: true } });
  expect(emulator.control.requests().map((entry) => entry.status)).toEqual([401, 422]);
});

test("names the fault that applied", async () => {
  emulator.control.addFault({ method: "GET", path: "/api/v6/providers/*", status: 429, retryAfter: "2" });
  await call(emulator, "GET", "/api/v6/providers/shopify");
  await call(emulator, "GET", "/api/v6/providers/shopify");
  const [faulted, normal] = emulator.control.requests();
  expect(faulted?.fault).toBe("status 429 (Retry-After: 2) on GET /api/v6/providers/*");
  expect(normal?.fault).toBeUndefined();
});

test("replaces every credential value and never records the API key", async () => {
  await call(emulator, "PUT", "/api/v6/providers/shopify/credentials", { body: { credentials: SECRETS } });
  await call(emulator, "PUT", "/api/v6/providers/paypal/credentials", {
    body: { credentials: { is_sandbox: true, client_id: SECRETS.client_id } },
  });
  // A secret sent to the wrong route, and a body that forgot the wrapper.
  await call(emulator, "PUT", "/api/v6/providers/shopify/settings", {
    body: { client_secret: SECRETS.client_secret },
  });
  await call(emulator, "PUT", "/api/v6/providers/shopify/credentials", { body: SECRETS });
  await call(emulator, "PUT", "/api/v6/providers/shopify/credentials", {
    body: { token: "unwrapped-token-value" },
  });
  const log = emulator.control.requests();
  const serialized = JSON.stringify(log);
  for (const secret of [...Object.values(SECRETS), "unwrapped-token-value", EMULATOR_API_KEY]) {
    expect(serialized).not.toContain(secret);
  }
  expect(log[0]?.body).toEqual({ credentials: { client_id: "[REDACTED]", client_secret: "[REDACTED]" } });
  expect(log[1]?.body).toEqual({ credentials: { is_sandbox: "[REDACTED]", client_id: "[REDACTED]" } });
  expect(log[2]?.body).toEqual({ client_secret: "[REDACTED]" });
  expect(log[3]?.body).toEqual({ client_id: "[REDACTED]", client_secret: "[REDACTED]" });
  expect(log[4]?.body).toEqual({ token: "[REDACTED]" });
});

test("scrubs an API key passed in the query string", async () => {
  await call(emulator, "GET", `/api/v6/providers?api_key=${EMULATOR_API_KEY}`);
  expect(JSON.stringify(emulator.control.requests())).not.toContain(EMULATOR_API_KEY);
});

test("does not record a body that is not JSON", async () => {
  await fetch(`${emulator.baseUrl}/api/v6/providers/shopify/credentials`, {
    method: "PUT",
    headers: { "x-api-key": EMULATOR_API_KEY },
    body: "client_secret=raw-form-secret",
  });
  const [entry] = emulator.control.requests();
  expect(entry?.status).toBe(400);
  expect(JSON.stringify(emulator.control.requests())).not.toContain("raw-form-secret");
});

test("clearRequests empties the log; control calls are never logged", async () => {
  await call(emulator, "GET", "/api/v6/providers");
  emulator.control.clearRequests();
  await call(emulator, "GET", "/_emulator/requests", { apiKey: null });
  await call(emulator, "POST", "/_emulator/faults", { apiKey: null, body: { path: "/x", status: 500 } });
  expect(emulator.control.requests()).toEqual([]);
});

test("requests() returns copies that callers cannot corrupt", async () => {
  await call(emulator, "GET", "/api/v6/providers");
  const [entry] = emulator.control.requests();
  if (entry !== undefined) entry.status = 999;
  expect(emulator.control.requests()[0]?.status).toBe(200);
});
