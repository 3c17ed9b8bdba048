/**
 * The client over real HTTP against the project's emulator. The operations suite runs once per
 * combination of the answer shapes Qard does not document, so every shape is read by every operation.
 */
import { describe, expect, it, onTestFinished, vi } from "vitest";
import {
  QardApiError,
  QardAuthError,
  QardClient,
  QardNotFoundError,
  type QardProvider,
} from "../../providers/src/qard/index.ts";
import type { AnswerShapes } from "../../emulator/server.ts";
import { API_KEY, callsTo, startEmulatorForClientSuite } from "./helpers/emulator.ts";

const CATALOGUE_SIZE = 14;
const COMMERCE_TYPES = ["COMMERCE_LOCATION", "COMMERCE_CUSTOMER", "COMMERCE_PRODUCT", "COMMERCE_ORDER"];

const SHAPES: AnswerShapes[] = [];
for (const list of ["array", "envelope"] as const) {
  for (const put of ["provider", "no-content"] as const) {
    for (const errors of ["qard", "message"] as const) SHAPES.push({ list, perPage: 2, put, errors });
  }
}

/** One provider, read the documented way: Qard has no endpoint for a single provider. */
async function providerNamed(client: QardClient, name: string): Promise<QardProvider> {
  const provider = (await client.listProviders()).find((candidate) => candidate.name === name);
  if (provider === undefined) throw new Error(`the emulator lists no provider named "${name}"`);
  return provider;
}

describe.each(SHAPES)("QardClient against the emulator (list $list, put $put, errors $errors)", (shapes) => {
  const SYNC_DELAY_MS = 400;
  const emulator = startEmulatorForClientSuite({ shapes, syncDelayMs: SYNC_DELAY_MS });

  it("reads one provider", async () => {
    const shopify = await providerNamed(emulator.client(), "shopify");
    expect(shopify).toEqual<QardProvider>({
      name: "shopify",
      enabled: false,
      available: true,
      authRequired: true,
      unique: false,
      logoUrl: expect.stringContaining("shopify"),
      credentialKeys: ["client_id", "client_secret"],
      settingNames: ["auto_connect"],
      settings: { auto_connect: false },
      dataTypes: COMMERCE_TYPES,
    });
  });

  it("lists every provider, following pages when the list is an envelope", async () => {
    const providers = await emulator.client().listProviders();
    expect(providers).toHaveLength(CATALOGUE_SIZE);
    expect(new Set(providers.map((p) => p.name)).size).toBe(CATALOGUE_SIZE);
    expect(providers.map((p) => p.name)).toEqual(
      expect.arrayContaining(["shopify", "paypal", "comply_cube"]),
    );
    const queries = callsTo(emulator.control, "GET", "/api/v6/providers").map((entry) => entry.query);
    const pages = Math.ceil(CATALOGUE_SIZE / 2);
    expect(queries).toEqual(
      shapes.list === "array" ? [""] : ["", ...Array.from({ length: pages - 1 }, (_, i) => `page=${i + 2}`)],
    );
  });

  it("configures shopify: credentials, then settings, then enable", async () => {
    const client = emulator.client();
    await client.putCredentials("shopify", { client_id: "shp_id_1", client_secret: "shp_secret_1" });
    await client.putSettings("shopify", { auto_connect: true });
    await client.setEnabled("shopify", true);
    expect(emulator.control.credentialsOf("shopify")).toEqual({
      client_id: "shp_id_1",
      client_secret: "shp_secret_1",
    });
    expect(await providerNamed(client, "shopify")).toMatchObject({
      enabled: true,
      settings: { auto_connect: true },
    });
    await client.setEnabled("shopify", false);
    expect((await providerNamed(client, "shopify")).enabled).toBe(false);
  });

  it("sends paypal's is_sandbox as a JSON boolean", async () => {
    const client = emulator.client();
    await client.putCredentials("paypal", {
      is_sandbox: true,
      client_id: "pp_id",
      client_secret: "pp_secret",
    });
    expect(emulator.control.credentialsOf("paypal")).toEqual({
      is_sandbox: true,
      client_id: "pp_id",
      client_secret: "pp_secret",
    });
    await client.setEnabled("paypal", true);
    expect((await providerNamed(client, "paypal")).enabled).toBe(true);
  });

  it("writes and reads comply_cube's three settings, and enables it without credentials", async () => {
    const client = emulator.client();
    const settings = {
      officers_check: true,
      beneficial_owners_check: false,
      background_check_nodes_check: true,
    };
    await client.putSettings("comply_cube", settings);
    await client.setEnabled("comply_cube", true);
    const provider = await providerNamed(client, "comply_cube");
    expect(provider).toMatchObject({ enabled: true, credentialKeys: [], settings });
    expect(provider.settingNames).toEqual(Object.keys(settings));
  });

  it("sees drift made outside the API", async () => {
    emulator.control.patchProvider("shopify", {
      enabled: true,
      available: false,
      settings: { auto_connect: true },
    });
    expect(await providerNamed(emulator.client(), "shopify")).toMatchObject({
      enabled: true,
      available: false,
      settings: { auto_connect: true },
    });
  });

  it("throws Qard's refusal to enable a provider without credentials, once", async () => {
    const error = await emulator
      .client()
      .setEnabled("shopify", true)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardApiError);
    expect(error).toMatchObject({
      status: 422,
      attempts: 1,
      method: "PUT",
      path: "/api/v6/providers/shopify",
    });
    expect((error as QardApiError).qardMessage).toMatch(/needs credentials before it can be enabled/);
    expect((error as QardApiError).code).toBe(shapes.errors === "qard" ? "CREDENTIALS_REQUIRED" : undefined);
    expect((error as Error).message).toMatch(
      /^PUT \/api\/v6\/providers\/shopify failed with 422 Unprocessable Entity: Provider shopify needs credentials/,
    );
    expect(callsTo(emulator.control, "PUT", "/api/v6/providers/shopify")).toHaveLength(1);
  });

  it("throws QardNotFoundError for an unknown user", async () => {
    const error = await emulator
      .client()
      .latestSyncs("no_such_user")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardNotFoundError);
    expect(error).toMatchObject({ status: 404, attempts: 1 });
    expect((error as Error).message).toMatch(
      /^GET \/api\/v6\/users\/no_such_user\/sync\/latest failed with 404 Not Found/,
    );
  });

  it("throws QardAuthError for a wrong key, without retrying", async () => {
    const error = await emulator
      .client({ apiKey: "qk_wrong_key_000" })
      .listProviders()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardAuthError);
    expect(error).toMatchObject({ status: 401, attempts: 1 });
    expect((error as Error).message).toMatch(/Check that apiKey is a valid Qard API key/);
    expect(callsTo(emulator.control, "GET", "/api/v6/providers")).toHaveLength(1);
  });

  it("runs an integration end to end: user, connection, sync, commerce data", async () => {
    // The emulator (in this process) dates each request with Date.now(): its syncs move on only when the
    // test moves this clock, so the second startSync surely meets a running sync however slow the machine.
    vi.useFakeTimers({ toFake: ["Date"] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const client = emulator.client();
    await client.setEnabled("sandbox_commerce", true);
    const user = await client.createLegalUser({ name: "ACME SAS", siren: "123456789" });
    expect(user).toEqual({ id: expect.any(String), name: "ACME SAS" });

    const connection = await client.createDataConnection(user.id, {
      providerName: "sandbox_commerce",
      requestedDataTypes: COMMERCE_TYPES,
      skipPermissions: true,
    });
    expect(connection).toEqual({
      id: expect.any(String),
      providerName: "sandbox_commerce",
      status: "CONNECTED",
    });
    expect(await client.getDataConnection(user.id, connection.id)).toEqual(connection);

    const started = await client.startSync(user.id, COMMERCE_TYPES);
    expect(started.map((s) => s.dataType).sort()).toEqual([...COMMERCE_TYPES].sort());
    expect(started.every((s) => s.status === "QUEUED" && s.completedAt === null)).toBe(true);
    expect(started[0]).toMatchObject({ providerName: "sandbox_commerce", dataConnectionId: connection.id });

    const conflict = await client.startSync(user.id).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(QardApiError);
    expect(conflict).toMatchObject({ status: 409, attempts: 1 });

    vi.setSystemTime(Date.now() + SYNC_DELAY_MS);
    const latest = await client.latestSyncs(user.id);
    expect(latest.map((s) => s.status)).toEqual(["SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS"]);
    expect(latest[0]?.completedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    for (const collection of ["locations", "customers", "products", "orders"] as const) {
      const items = await client.listCommerce(user.id, collection);
      expect(items.length, collection).toBeGreaterThan(0);
    }
  });

  it("creates a connection that needs the user's authorization", async () => {
    const client = emulator.client();
    await client.putCredentials("shopify", { client_id: "a", client_secret: "b" });
    await client.setEnabled("shopify", true);
    const user = await client.createLegalUser({ name: "Shop" });
    const connection = await client.createDataConnection(user.id, {
      providerName: "shopify",
      requestedDataTypes: ["COMMERCE_ORDER"],
    });
    expect(connection).toMatchObject({
      status: "AUTH_REQUIRED",
      redirectUrl: expect.stringContaining(connection.id),
    });
  });
});

describe("QardClient against the emulator's faults", () => {
  const emulator = startEmulatorForClientSuite();
  const SHOPIFY = "/api/v6/providers/shopify";
  const PROVIDERS = "/api/v6/providers";

  it("waits the Retry-After seconds of a 429, then succeeds", async () => {
    emulator.control.addFault({ method: "GET", path: PROVIDERS, status: 429, retryAfter: "2" });
    // The header is read and scaled: 2 s would not fit the 1 s budget, 20 ms does.
    const client = emulator.client({ timeScale: 0.01, retry: { budgetMs: 1000 } });
    await expect(client.listProviders()).resolves.toContainEqual(
      expect.objectContaining({ name: "shopify" }),
    );
    expect(callsTo(emulator.control, "GET", PROVIDERS).map((entry) => entry.status)).toEqual([429, 200]);
  });

  it("honours a Retry-After given as an HTTP date", async () => {
    const retryAfter = new Date(Date.now() + 2000).toUTCString();
    emulator.control.addFault({ method: "GET", path: PROVIDERS, status: 429, retryAfter });
    await emulator.client({ timeScale: 0.01 }).listProviders();
    expect(callsTo(emulator.control, "GET", PROVIDERS).map((entry) => entry.status)).toEqual([429, 200]);
  });

  it("retries a 503 and succeeds", async () => {
    emulator.control.addFault({ path: SHOPIFY, status: 503, times: 2 });
    await emulator.client().setEnabled("shopify", false);
    expect(callsTo(emulator.control, "PUT", SHOPIFY).map((entry) => entry.status)).toEqual([503, 503, 200]);
  });

  it("retries a reset connection and the PUT lands once it gets through", async () => {
    emulator.control.addFault({ method: "PUT", path: `${SHOPIFY}/credentials`, reset: true });
    await emulator.client().putCredentials("shopify", { client_id: "id_r", client_secret: "secret_r" });
    expect(emulator.control.credentialsOf("shopify")).toEqual({
      client_id: "id_r",
      client_secret: "secret_r",
    });
    expect(callsTo(emulator.control, "PUT", `${SHOPIFY}/credentials`).map((entry) => entry.status)).toEqual([
      0, 200,
    ]);
  });

  it("reports a connection that keeps being reset, with the attempt count", async () => {
    emulator.control.addFault({ path: PROVIDERS, reset: true, times: 10 });
    const error = await emulator
      .client({ retry: { maxAttempts: 3 } })
      .listProviders()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "QardNetworkError", kind: "reset", attempts: 3 });
    expect((error as Error).message).toBe(
      "GET /api/v6/providers: connection reset before a complete answer was received (3 attempts)",
    );
    expect(callsTo(emulator.control, "GET", PROVIDERS)).toHaveLength(3);
  });

  it("times out a hanging request and succeeds on the next attempt", async () => {
    emulator.control.addFault({ path: PROVIDERS, hang: true });
    const events: { status?: number; error?: string }[] = [];
    await emulator.client({ timeoutMs: 100, onRequest: (event) => events.push(event) }).listProviders();
    expect(events.map((event) => event.status ?? event.error)).toEqual([
      "request timed out after 100 ms",
      200,
    ]);
    expect(callsTo(emulator.control, "GET", PROVIDERS)).toHaveLength(2);
  });

  it("reports a request that keeps hanging as a timeout after every attempt", async () => {
    emulator.control.addFault({ path: PROVIDERS, hang: true, times: 10 });
    const error = await emulator
      .client({ timeoutMs: 60, retry: { maxAttempts: 2 } })
      .listProviders()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "QardNetworkError", kind: "timeout", attempts: 2 });
    expect((error as Error).message).toBe(
      "GET /api/v6/providers: request timed out after 60 ms (2 attempts)",
    );
  });

  it("waits out latency shorter than the timeout", async () => {
    emulator.control.addFault({ path: PROVIDERS, latencyMs: 80 });
    const events: { status?: number; error?: string }[] = [];
    await emulator.client({ timeoutMs: 1000, onRequest: (event) => events.push(event) }).listProviders();
    // One attempt, answered: the slow answer was awaited, not cut short and retried.
    expect(events.map((event) => event.status ?? event.error)).toEqual([200]);
    expect(callsTo(emulator.control, "GET", PROVIDERS)).toMatchObject([
      { status: 200, fault: /latency 80ms/ },
    ]);
  });

  it("treats latency longer than the timeout as a timeout, then retries", async () => {
    emulator.control.addFault({ path: PROVIDERS, latencyMs: 300 });
    const events: { status?: number; error?: string }[] = [];
    await emulator.client({ timeoutMs: 100, onRequest: (event) => events.push(event) }).listProviders();
    expect(events.map((event) => event.status ?? event.error)).toEqual([
      "request timed out after 100 ms",
      200,
    ]);
  });

  it("stops when the retry budget is spent and says how many attempts were made", async () => {
    emulator.control.addFault({ path: PROVIDERS, status: 503, retryAfter: "2", times: 100 });
    const error = await emulator
      .client({ timeScale: 0.1, retry: { maxAttempts: 50, budgetMs: 500 } })
      .listProviders()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardApiError);
    const attempts = (error as QardApiError).attempts;
    // Each wait is 200 ms (Retry-After 2 s, scaled): a 500 ms budget fits at most two, so at most three
    // attempts, whatever the machine's speed; the 50 allowed attempts never come into play.
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(3);
    expect(callsTo(emulator.control, "GET", PROVIDERS)).toHaveLength(attempts);
    expect((error as Error).message).toBe(
      "GET /api/v6/providers failed with 503 Service Unavailable: Emulated fault: status 503. " +
        `(code SERVICE_UNAVAILABLE) after ${attempts} attempts (retry budget of 500 ms exhausted)`,
    );
  });

  it("gives up on a 429 whose Retry-After is beyond the budget", async () => {
    emulator.control.addFault({ path: PROVIDERS, status: 429, retryAfter: "30", times: 5 });
    const error = await emulator
      .client({ timeScale: 1, retry: { budgetMs: 2000 } })
      .listProviders()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "QardRateLimitError", status: 429, attempts: 1 });
  });

  it("never retries a 422", async () => {
    const client = emulator.client();
    const bad = client.putCredentials("shopify", { client_id: "only_the_id" });
    await expect(bad).rejects.toMatchObject({ status: 422, code: "INVALID_CREDENTIALS", attempts: 1 });
    expect(callsTo(emulator.control, "PUT", `${SHOPIFY}/credentials`)).toHaveLength(1);
  });

  it("never retries an injected 500", async () => {
    emulator.control.addFault({ path: PROVIDERS, status: 500 });
    await expect(emulator.client().listProviders()).rejects.toMatchObject({
      status: 500,
      attempts: 1,
    });
    expect(callsTo(emulator.control, "GET", PROVIDERS)).toHaveLength(1);
  });

  it("does not repeat a POST whose connection was reset (the user may exist)", async () => {
    emulator.control.addFault({ method: "POST", path: "/api/v6/users/legal", reset: true });
    const error = await emulator
      .client()
      .createLegalUser({ name: "Once" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "QardNetworkError", kind: "reset", attempts: 1 });
    expect(callsTo(emulator.control, "POST", "/api/v6/users/legal")).toHaveLength(1);
  });

  it("reports a refused connection once the emulator is gone", async () => {
    const { startEmulator } = await import("../../emulator/server.ts");
    const gone = await startEmulator({ apiKeys: [API_KEY] });
    await gone.close();
    const client = new QardClient({
      baseUrl: gone.baseUrl,
      apiKey: API_KEY,
      timeScale: 0.01,
      retry: { maxAttempts: 2 },
    });
    const error = await client.listProviders().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "QardNetworkError", kind: "refused", attempts: 2 });
    expect((error as Error).message).toContain(`connection refused by ${new URL(gone.baseUrl).host}`);
  });
});
