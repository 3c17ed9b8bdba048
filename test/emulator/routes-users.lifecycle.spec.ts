import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { call, startTestEmulator } from "../helpers/emulator.ts";

const SYNC_DELAY_MS = 600;
const emulator = startTestEmulator({ syncDelayMs: SYNC_DELAY_MS });

const COMMERCE = ["COMMERCE_LOCATION", "COMMERCE_CUSTOMER", "COMMERCE_PRODUCT", "COMMERCE_ORDER"];

interface Connection {
  id: string;
  provider_name: string;
  status: string;
  redirect_url: string | null;
  requested_data_types: string[];
}

interface SyncJson {
  id: string;
  data_type: string;
  provider_name: string;
  status: string;
  data_connection_id: string;
  requested_at: string;
  completed_at: string | null;
}

beforeEach(() => {
  emulator.control.reset();
  // The emulator (in this process) dates each request with Date.now(): a sync moves on only when the
  // test moves this clock, never with the time the test takes.
  vi.useFakeTimers({ toFake: ["Date"] });
});

afterEach(() => {
  vi.useRealTimers();
});

async function enableShopify(): Promise<void> {
  const credentials = { client_id: "id", client_secret: "secret" };
  await call(emulator, "PUT", "/api/v6/providers/shopify/credentials", { body: { credentials } });
  expect((await call(emulator, "PUT", "/api/v6/providers/shopify", { body: { enable: true } })).status).toBe(
    200,
  );
}

async function createUser(name = "ACME SAS"): Promise<string> {
  const answer = await call(emulator, "POST", "/api/v6/users/legal", { body: { name, siren: "123456789" } });
  expect(answer.status).toBe(201);
  return (answer.json as { id: string }).id;
}

async function connect(userId: string, body: unknown): Promise<{ status: number; json: Connection }> {
  const answer = await call(emulator, "POST", `/api/v6/users/${userId}/data-connections`, { body });
  return { status: answer.status, json: answer.json as Connection };
}

/** A user with an authorized Shopify connection. */
async function connectedShopifyUser(): Promise<string> {
  await enableShopify();
  const userId = await createUser();
  const connection = await connect(userId, { provider_name: "shopify", requested_data_types: COMMERCE });
  await fetch(connection.json.redirect_url ?? "");
  return userId;
}

async function latest(userId: string): Promise<SyncJson[]> {
  return (await call(emulator, "GET", `/api/v6/users/${userId}/sync/latest`)).json as SyncJson[];
}

/** Moves the clock on by `ms`, then reads the user's latest syncs, each of which must be in `status`. */
async function syncsAfter(ms: number, userId: string, status: string): Promise<SyncJson[]> {
  vi.setSystemTime(Date.now() + ms);
  const syncs = await latest(userId);
  expect(syncs.length).toBeGreaterThan(0);
  expect(syncs.map((sync) => sync.status)).toEqual(syncs.map(() => status));
  return syncs;
}

describe("legal users", () => {
  test("are created with a UUID and read back", async () => {
    const answer = await call(emulator, "POST", "/api/v6/users/legal", {
      body: { name: "ACME", siren: "552100554" },
    });
    expect(answer.status).toBe(201);
    const user = answer.json as { id: string };
    expect(user).toMatchObject({ name: "ACME", siren: "552100554" });
    expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await call(emulator, "GET", `/api/v6/users/${user.id}`)).json).toMatchObject({ name: "ACME" });
  });

  test("siren is optional; a name is required; a malformed siren is refused", async () => {
    const noSiren = await call(emulator, "POST", "/api/v6/users/legal", { body: { name: "ACME" } });
    expect(noSiren.json).toMatchObject({ siren: null });
    expect(
      (await call(emulator, "POST", "/api/v6/users/legal", { body: { siren: "123456789" } })).status,
    ).toBe(422);
    expect(
      (await call(emulator, "POST", "/api/v6/users/legal", { body: { name: "A", siren: "12" } })).status,
    ).toBe(422);
  });

  test("an unknown user is 404 on every user route", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    for (const path of ["", "/data-connections", "/sync/latest", "/commerce-orders"]) {
      expect((await call(emulator, "GET", `/api/v6/users/${id}${path}`)).status).toBe(404);
    }
  });
});

describe("data connections", () => {
  test("are refused with 422 while the provider is not enabled", async () => {
    const userId = await createUser();
    const answer = await connect(userId, { provider_name: "shopify", requested_data_types: COMMERCE });
    expect(answer.status).toBe(422);
    expect(answer.json).toMatchObject({ error_code: "PROVIDER_NOT_ENABLED" });
  });

  test("need authorization when the provider requires it, through redirect_url", async () => {
    await enableShopify();
    const userId = await createUser();
    const created = await connect(userId, { provider_name: "shopify", requested_data_types: COMMERCE });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ provider_name: "shopify", status: "AUTH_REQUIRED" });
    expect(created.json.redirect_url).toBe(`${emulator.baseUrl}/_emulator/authorize/${created.json.id}`);

    const authorized = await fetch(created.json.redirect_url ?? "");
    expect(authorized.status).toBe(200);
    const read = await call(emulator, "GET", `/api/v6/users/${userId}/data-connections/${created.json.id}`);
    expect(read.json).toMatchObject({ status: "CONNECTED", redirect_url: null });
  });

  test("a refused authorization leaves the connection in AUTH_ERROR", async () => {
    await enableShopify();
    const userId = await createUser();
    const created = await connect(userId, { provider_name: "shopify", requested_data_types: COMMERCE });
    await fetch(`${created.json.redirect_url ?? ""}?outcome=error`);
    const read = await call(emulator, "GET", `/api/v6/users/${userId}/data-connections/${created.json.id}`);
    expect(read.json).toMatchObject({ status: "AUTH_ERROR" });
    expect((await call(emulator, "GET", "/_emulator/authorize/unknown", { apiKey: null })).status).toBe(404);
  });

  test("are CONNECTED at once when the provider needs no authorization", async () => {
    await call(emulator, "PUT", "/api/v6/providers/sandbox_commerce", { body: { enable: true } });
    const userId = await createUser();
    const created = await connect(userId, {
      provider_name: "sandbox_commerce",
      requested_data_types: COMMERCE,
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      status: "CONNECTED",
      redirect_url: null,
      requested_data_types: COMMERCE,
    });
  });

  test("are listed per user and read one by one", async () => {
    await call(emulator, "PUT", "/api/v6/providers/sandbox_commerce", { body: { enable: true } });
    await call(emulator, "PUT", "/api/v6/providers/sandbox_openbanking", { body: { enable: true } });
    const userId = await createUser();
    const other = await createUser("Other");
    await connect(userId, { provider_name: "sandbox_commerce", requested_data_types: COMMERCE });
    await connect(userId, { provider_name: "sandbox_openbanking", requested_data_types: ["BANK_ACCOUNT"] });
    await connect(other, { provider_name: "sandbox_commerce", requested_data_types: COMMERCE });
    const list = (await call(emulator, "GET", `/api/v6/users/${userId}/data-connections`))
      .json as Connection[];
    expect(list.map((c) => c.provider_name)).toEqual(["sandbox_commerce", "sandbox_openbanking"]);
    expect((await call(emulator, "GET", `/api/v6/users/${userId}/data-connections/nope`)).status).toBe(404);
  });

  test("refuse a data type the provider does not supply, an unknown provider, a second unique connection", async () => {
    await call(emulator, "PUT", "/api/v6/providers/sandbox_public", { body: { enable: true } });
    const userId = await createUser();
    const wrongType = await connect(userId, {
      provider_name: "sandbox_public",
      requested_data_types: ["BANK_ACCOUNT"],
    });
    expect(wrongType.status).toBe(422);
    expect((await connect(userId, { provider_name: "nope", requested_data_types: COMMERCE })).status).toBe(
      422,
    );
    expect((await connect(userId, { provider_name: "sandbox_public" })).status).toBe(201);
    expect((await connect(userId, { provider_name: "sandbox_public" })).status).toBe(409);
  });
});

describe("synchronization", () => {
  test("is refused with 422 before the connection is authorized", async () => {
    await enableShopify();
    const userId = await createUser();
    await connect(userId, { provider_name: "shopify", requested_data_types: COMMERCE });
    const answer = await call(emulator, "POST", `/api/v6/users/${userId}/sync`, {
      body: { data_types: COMMERCE },
    });
    expect(answer.status).toBe(422);
    expect(answer.json).toMatchObject({ error_details: { data_types: COMMERCE } });
  });

  test("is refused with 422 for a type no connection covers", async () => {
    const userId = await connectedShopifyUser();
    const answer = await call(emulator, "POST", `/api/v6/users/${userId}/sync`, {
      body: { data_types: ["KYC_CHECK"] },
    });
    expect(answer.status).toBe(422);
  });

  test("starts one QUEUED sync per type, then goes FETCHING and SUCCESS over the delay", async () => {
    const userId = await connectedShopifyUser();
    const started = await call(emulator, "POST", `/api/v6/users/${userId}/sync`, {
      body: { data_types: COMMERCE },
    });
    expect(started.status).toBe(201);
    const syncs = started.json as SyncJson[];
    expect(syncs.map((sync) => [sync.data_type, sync.status, sync.provider_name])).toEqual(
      COMMERCE.map((type) => [type, "QUEUED", "shopify"]),
    );
    expect(syncs[0]?.requested_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(syncs[0]?.completed_at).toBeNull();

    await syncsAfter(SYNC_DELAY_MS / 2 - 1, userId, "QUEUED");
    await syncsAfter(1, userId, "FETCHING");
    await syncsAfter(SYNC_DELAY_MS / 2 - 1, userId, "FETCHING");
    const done = await syncsAfter(1, userId, "SUCCESS");
    expect(done.map((sync) => sync.data_type).sort()).toEqual([...COMMERCE].sort());
    expect(done[0]?.completed_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  test("answers 409 while a requested type is QUEUED or FETCHING, and accepts a new sync after SUCCESS", async () => {
    const userId = await connectedShopifyUser();
    const path = `/api/v6/users/${userId}/sync`;
    expect((await call(emulator, "POST", path, { body: { data_types: ["COMMERCE_ORDER"] } })).status).toBe(
      201,
    );
    const conflict = await call(emulator, "POST", path, {
      body: { data_types: ["COMMERCE_PRODUCT", "COMMERCE_ORDER"] },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.json).toMatchObject({ error_details: { data_types: ["COMMERCE_ORDER"] } });
    expect((await call(emulator, "POST", path, { body: { data_types: ["COMMERCE_PRODUCT"] } })).status).toBe(
      201,
    );
    await syncsAfter(SYNC_DELAY_MS, userId, "SUCCESS");
    expect((await call(emulator, "POST", path, { body: { data_types: ["COMMERCE_ORDER"] } })).status).toBe(
      201,
    );
  });

  test("without data_types syncs every type of the user's connected connections", async () => {
    const userId = await connectedShopifyUser();
    const started = await call(emulator, "POST", `/api/v6/users/${userId}/sync`, { body: {} });
    expect(started.status).toBe(201);
    expect((started.json as SyncJson[]).map((sync) => sync.data_type)).toEqual(COMMERCE);
  });

  test("sync/latest answers a bare array with the latest sync per type", async () => {
    const userId = await connectedShopifyUser();
    const path = `/api/v6/users/${userId}/sync`;
    await call(emulator, "POST", path, { body: { data_types: ["COMMERCE_ORDER"] } });
    await syncsAfter(SYNC_DELAY_MS, userId, "SUCCESS");
    const second = (await call(emulator, "POST", path, { body: { data_types: ["COMMERCE_ORDER"] } }))
      .json as SyncJson[];
    emulator.control.setShapes({ list: "envelope" });
    const answer = await latest(userId);
    expect(Array.isArray(answer)).toBe(true);
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatchObject({ id: second[0]?.id, status: "QUEUED" });
    expect(Object.keys(answer[0] ?? {}).sort()).toEqual(
      [
        "completed_at",
        "data_connection_id",
        "data_type",
        "id",
        "provider_name",
        "requested_at",
        "status",
      ].sort(),
    );
  });
});

describe("commerce data", () => {
  const kinds = [
    ["commerce-locations", 2],
    ["commerce-customers", 5],
    ["commerce-products", 8],
    ["commerce-orders", 12],
  ] as const;

  test("is empty before the sync succeeds and complete after", async () => {
    const userId = await connectedShopifyUser();
    for (const [kind] of kinds) {
      expect((await call(emulator, "GET", `/api/v6/users/${userId}/${kind}`)).json).toEqual([]);
    }
    await call(emulator, "POST", `/api/v6/users/${userId}/sync`, { body: { data_types: COMMERCE } });
    for (const [kind] of kinds) {
      expect((await call(emulator, "GET", `/api/v6/users/${userId}/${kind}`)).json).toEqual([]);
    }
    await syncsAfter(SYNC_DELAY_MS, userId, "SUCCESS");
    for (const [kind, count] of kinds) {
      expect((await call(emulator, "GET", `/api/v6/users/${userId}/${kind}`)).json).toHaveLength(count);
    }
  });

  test("only the synced types have data", async () => {
    const userId = await connectedShopifyUser();
    await call(emulator, "POST", `/api/v6/users/${userId}/sync`, {
      body: { data_types: ["COMMERCE_ORDER"] },
    });
    await syncsAfter(SYNC_DELAY_MS, userId, "SUCCESS");
    expect((await call(emulator, "GET", `/api/v6/users/${userId}/commerce-orders`)).json).toHaveLength(12);
    expect((await call(emulator, "GET", `/api/v6/users/${userId}/commerce-products`)).json).toEqual([]);
  });

  test("is deterministic per user, consistent across kinds, and follows the list shape", async () => {
    const userId = await connectedShopifyUser();
    await call(emulator, "POST", `/api/v6/users/${userId}/sync`, { body: { data_types: COMMERCE } });
    await syncsAfter(SYNC_DELAY_MS, userId, "SUCCESS");
    const orders = (await call(emulator, "GET", `/api/v6/users/${userId}/commerce-orders`)).json as {
      customer_id: string;
    }[];
    expect((await call(emulator, "GET", `/api/v6/users/${userId}/commerce-orders`)).json).toEqual(orders);
    const customers = (await call(emulator, "GET", `/api/v6/users/${userId}/commerce-customers`)).json as {
      id: string;
    }[];
    const customerIds = new Set(customers.map((customer) => customer.id));
    expect(orders.every((order) => customerIds.has(order.customer_id))).toBe(true);

    emulator.control.setShapes({ list: "envelope" });
    const page = (await call(emulator, "GET", `/api/v6/users/${userId}/commerce-orders?page=2&per_page=5`))
      .json;
    expect(page).toMatchObject({ total: 12, per_page: 5, current_page: 2, last_page: 3 });
  });
});
