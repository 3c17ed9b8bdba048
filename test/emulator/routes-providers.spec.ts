import { beforeEach, describe, expect, test } from "vitest";
import { call, startTestEmulator, startEmulatorUntilTestEnds } from "../helpers/emulator.ts";

const emulator = startTestEmulator();

beforeEach(() => emulator.control.reset());

const SHOPIFY = { client_id: "shop-id-7d1c", client_secret: "shop-secret-93af" };
const PAYPAL = { is_sandbox: true, client_id: "pp-id-5521", client_secret: "pp-secret-e07b" };

function errorOf(json: unknown): { error_code: string; error_message: string; error_details: unknown } {
  return json as { error_code: string; error_message: string; error_details: unknown };
}

describe("authentication", () => {
  test("answers 401 without an X-API-KEY", async () => {
    const answer = await call(emulator, "GET", "/api/v6/providers", { apiKey: null });
    expect(answer.status).toBe(401);
    expect(errorOf(answer.json).error_code).toBe("UNAUTHORIZED");
  });

  test("answers 401 to an unknown key, even on a route that does not exist", async () => {
    expect((await call(emulator, "GET", "/api/v6/providers", { apiKey: "wrong" })).status).toBe(401);
    expect((await call(emulator, "GET", "/api/v6/nothing-here", { apiKey: "wrong" })).status).toBe(401);
  });

  test("accepts every configured key and only those", async () => {
    const custom = await startEmulatorUntilTestEnds({ apiKeys: ["key-a", "key-b"] });
    expect((await call(custom, "GET", "/api/v6/providers", { apiKey: "key-a" })).status).toBe(200);
    expect((await call(custom, "GET", "/api/v6/providers", { apiKey: "key-b" })).status).toBe(200);
    expect((await call(custom, "GET", "/api/v6/providers")).status).toBe(401);
  });

  test("answers 404 to an unknown route with a valid key", async () => {
    const answer = await call(emulator, "GET", "/api/v6/nothing-here");
    expect(answer.status).toBe(404);
    expect((await call(emulator, "DELETE", "/api/v6/providers/shopify")).status).toBe(404);
  });
});

describe("reading providers", () => {
  test("lists the whole catalogue, all available, disabled, with settings off", async () => {
    const answer = await call(emulator, "GET", "/api/v6/providers");
    expect(answer.status).toBe(200);
    const providers = answer.json as { name: string; enabled: boolean; available: boolean }[];
    expect(providers.map((p) => p.name)).toEqual([
      "shopify",
      "paypal",
      "gocardless",
      "square",
      "infogreffe",
      "company_legal_fr",
      "prestashop",
      "woocommerce",
      "comply_cube",
      "sandbox_public",
      "sandbox_private",
      "sandbox_openbanking",
      "sandbox_commerce",
      "sandbox_ocr",
    ]);
    expect(providers.every((p) => p.available && !p.enabled)).toBe(true);
  });

  test("shows a provider with its documented fields and one field per setting", async () => {
    const answer = await call(emulator, "GET", "/api/v6/providers/infogreffe");
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      name: "infogreffe",
      enabled: false,
      available: true,
      auth_required: false,
      auto_connect: false,
      confidential_only: false,
      settings: ["auto_connect", "confidential_only"],
      credentials_config: ["client_id", "password"],
    });
    expect(answer.json).toHaveProperty("logo_url");
    expect(answer.json).toHaveProperty("unique");
    expect(answer.json).toHaveProperty("data_types");
  });

  test("describes Shopify as the docs do", async () => {
    const answer = await call(emulator, "GET", "/api/v6/providers/shopify");
    expect(answer.json).toMatchObject({
      auth_required: true,
      credentials_config: ["client_id", "client_secret"],
      settings: ["auto_connect"],
      data_types: ["COMMERCE_LOCATION", "COMMERCE_CUSTOMER", "COMMERCE_PRODUCT", "COMMERCE_ORDER"],
    });
  });

  test("answers 404 to an unknown provider, on reads and on each PUT", async () => {
    expect((await call(emulator, "GET", "/api/v6/providers/nope")).status).toBe(404);
    const body = { credentials: {} };
    expect((await call(emulator, "PUT", "/api/v6/providers/nope/credentials", { body })).status).toBe(404);
    expect((await call(emulator, "PUT", "/api/v6/providers/nope/settings", { body: {} })).status).toBe(404);
    expect((await call(emulator, "PUT", "/api/v6/providers/nope", { body: { enable: false } })).status).toBe(
      404,
    );
  });
});

describe("PUT credentials", () => {
  const put = (name: string, credentials: unknown) =>
    call(emulator, "PUT", `/api/v6/providers/${name}/credentials`, { body: { credentials } });

  test("stores the exact set of keys", async () => {
    const answer = await put("shopify", SHOPIFY);
    expect(answer.status).toBe(200);
    expect(emulator.control.credentialsOf("shopify")).toEqual(SHOPIFY);
  });

  test("accepts is_sandbox as a JSON boolean", async () => {
    expect((await put("paypal", PAYPAL)).status).toBe(200);
    expect(emulator.control.credentialsOf("paypal")).toEqual(PAYPAL);
  });

  test("rejects a missing key with 422 naming it, and stores nothing", async () => {
    const answer = await put("shopify", { client_id: "only-the-id" });
    expect(answer.status).toBe(422);
    const error = errorOf(answer.json);
    expect(error.error_code).toBe("INVALID_CREDENTIALS");
    expect(error.error_message).toContain("missing keys: client_secret");
    expect(error.error_details).toMatchObject({ missing: ["client_secret"] });
    expect(emulator.control.credentialsOf("shopify")).toBeUndefined();
  });

  test("rejects an extra key with 422 naming it", async () => {
    const answer = await put("shopify", { ...SHOPIFY, api_version: "2024-01" });
    expect(answer.status).toBe(422);
    expect(errorOf(answer.json).error_details).toMatchObject({ unexpected: ["api_version"] });
  });

  test("rejects is_sandbox sent as a string, naming the key and not the value", async () => {
    const answer = await put("paypal", { ...PAYPAL, is_sandbox: "true-as-text" });
    expect(answer.status).toBe(422);
    const error = errorOf(answer.json);
    expect(error.error_message).toContain("is_sandbox must be a JSON boolean");
    expect(answer.text).not.toContain("true-as-text");
  });

  test("rejects a secret sent as a number", async () => {
    const answer = await put("shopify", { client_id: "x", client_secret: 12345 });
    expect(answer.status).toBe(422);
    expect(errorOf(answer.json).error_details).toMatchObject({
      wrong_type: [{ key: "client_secret", expected: "string" }],
    });
  });

  test("never echoes any credential value in an error", async () => {
    const answer = await put("shopify", { client_id: "leak-me-1", client_secret: "", extra: "leak-me-2" });
    expect(answer.status).toBe(422);
    expect(answer.text).not.toMatch(/leak-me/);
  });

  test("rejects a body without the credentials wrapper", async () => {
    const answer = await call(emulator, "PUT", "/api/v6/providers/shopify/credentials", { body: SHOPIFY });
    expect(answer.status).toBe(422);
    expect(emulator.control.credentialsOf("shopify")).toBeUndefined();
  });

  test("rejects any key for a provider without credentials, accepts none", async () => {
    expect((await put("woocommerce", { token: "x" })).status).toBe(422);
    expect((await put("woocommerce", {})).status).toBe(200);
  });

  test("answers 400 to a body that is not JSON, without echoing it", async () => {
    const response = await fetch(`${emulator.baseUrl}/api/v6/providers/shopify/credentials`, {
      method: "PUT",
      headers: { "x-api-key": "emulator-key", "content-type": "application/json" },
      body: '{"credentials": {"client_secret": "broken-json-secret"',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("broken-json-secret");
  });
});

describe("PUT settings", () => {
  const put = (name: string, body: unknown) =>
    call(emulator, "PUT", `/api/v6/providers/${name}/settings`, { body });

  test("sets a setting, shown as a top-level field", async () => {
    const answer = await put("shopify", { auto_connect: true });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ auto_connect: true });
    expect((await call(emulator, "GET", "/api/v6/providers/shopify")).json).toMatchObject({
      auto_connect: true,
    });
  });

  test("merges into the current values", async () => {
    await put("comply_cube", { officers_check: true });
    await put("comply_cube", { background_check_nodes_check: true });
    expect((await call(emulator, "GET", "/api/v6/providers/comply_cube")).json).toMatchObject({
      officers_check: true,
      beneficial_owners_check: false,
      background_check_nodes_check: true,
    });
  });

  test("rejects unknown settings with 422 naming them, and changes nothing", async () => {
    const answer = await put("shopify", { auto_connect: true, autoconnect: true });
    expect(answer.status).toBe(422);
    expect(errorOf(answer.json).error_message).toContain("unknown settings: autoconnect");
    expect((await call(emulator, "GET", "/api/v6/providers/shopify")).json).toMatchObject({
      auto_connect: false,
    });
  });

  test("rejects a non-boolean value with 422 naming the key", async () => {
    const answer = await put("infogreffe", { confidential_only: "yes" });
    expect(answer.status).toBe(422);
    expect(errorOf(answer.json).error_details).toMatchObject({ not_boolean: ["confidential_only"] });
  });

  test("rejects any setting for a provider without settings", async () => {
    expect((await put("square", { auto_connect: true })).status).toBe(422);
  });
});

describe("PUT enable", () => {
  const enable = (name: string, value: unknown) =>
    call(emulator, "PUT", `/api/v6/providers/${name}`, { body: { enable: value } });

  test("refuses to enable a provider that needs credentials before they are set", async () => {
    const answer = await enable("shopify", true);
    expect(answer.status).toBe(422);
    expect(errorOf(answer.json).error_code).toBe("CREDENTIALS_REQUIRED");
    expect(errorOf(answer.json).error_message).toContain("/api/v6/providers/shopify/credentials");
  });

  test("enables once credentials are set, and reports `enabled`", async () => {
    await call(emulator, "PUT", "/api/v6/providers/shopify/credentials", { body: { credentials: SHOPIFY } });
    const answer = await enable("shopify", true);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ enabled: true });
  });

  test("enables a provider without credential keys at once", async () => {
    expect((await enable("sandbox_commerce", true)).status).toBe(200);
  });

  test("refuses to enable an unavailable provider with a clear message", async () => {
    emulator.control.patchProvider("company_legal_fr", { available: false });
    const answer = await enable("company_legal_fr", true);
    expect(answer.status).toBe(422);
    expect(errorOf(answer.json).error_code).toBe("PROVIDER_NOT_AVAILABLE");
    expect(errorOf(answer.json).error_message).toContain("not available");
  });

  test("always allows disabling, even when unavailable and without credentials", async () => {
    emulator.control.patchProvider("shopify", { enabled: true, available: false });
    const answer = await enable("shopify", false);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ enabled: false });
  });

  test("rejects a body that is not {enable: boolean}", async () => {
    expect((await enable("sandbox_public", "true")).status).toBe(422);
    expect(
      (await call(emulator, "PUT", "/api/v6/providers/sandbox_public", { body: { enabled: true } })).status,
    ).toBe(422);
  });
});

test("no route ever shows a credential value", async () => {
  await call(emulator, "PUT", "/api/v6/providers/shopify/credentials", { body: { credentials: SHOPIFY } });
  await call(emulator, "PUT", "/api/v6/providers/paypal/credentials", { body: { credentials: PAYPAL } });
  const answers = [
    await call(emulator, "PUT", "/api/v6/providers/shopify/credentials", { body: { credentials: SHOPIFY } }),
    await call(emulator, "PUT", "/api/v6/providers/shopify/settings", { body: { auto_connect: true } }),
    await call(emulator, "PUT", "/api/v6/providers/shopify", { body: { enable: true } }),
    await call(emulator, "GET", "/api/v6/providers/shopify"),
    await call(emulator, "GET", "/api/v6/providers/paypal"),
    await call(emulator, "GET", "/api/v6/providers"),
  ];
  const everything = answers.map((answer) => answer.text).join("\n");
  for (const secret of [...Object.values(SHOPIFY), PAYPAL.client_id, PAYPAL.client_secret]) {
    expect(everything).not.toContain(secret);
  }
  expect(everything).not.toMatch(/"credentials"/);
});
