import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { CATALOGUE } from "../../emulator/catalogue.ts";
import { optionsFromArgs } from "../../emulator/main.ts";
import { normalizeOptions } from "../../emulator/options.ts";
import { startEmulator, type ProviderDefinition } from "../../emulator/server.ts";
import { call, startTestEmulator, startEmulatorUntilTestEnds } from "../helpers/emulator.ts";

const ACME_PAY: ProviderDefinition = {
  name: "acme_pay",
  unique: false,
  authRequired: true,
  credentials: [
    { name: "is_sandbox", type: "boolean" },
    { name: "merchant_token", type: "string" },
  ],
  settings: ["auto_connect", "nightly_export"],
  dataTypes: ["PAYMENT_ACCOUNT", "PAYMENT_TRANSACTION"],
};

const ACME_REGISTRY: ProviderDefinition = {
  name: "acme-registry",
  unique: true,
  authRequired: false,
  credentials: [],
  settings: [],
  dataTypes: ["COMPANY_PROFILE"],
};

const TOKEN = "acme-merchant-token-61c0d2";

const emulator = startTestEmulator({ extraProviders: [ACME_PAY, ACME_REGISTRY] });

beforeEach(() => emulator.control.reset());

function errorOf(json: unknown): { error_code: string; error_message: string; error_details: unknown } {
  return json as { error_code: string; error_message: string; error_details: unknown };
}

function names(json: unknown): string[] {
  return (json as { name: string }[]).map((provider) => provider.name);
}

describe("an extra provider", () => {
  test("is listed after the built-in providers", async () => {
    const listed = names((await call(emulator, "GET", "/api/v6/providers")).json);
    expect(listed).toEqual([...CATALOGUE.map((d) => d.name), "acme_pay", "acme-registry"]);
  });

  test("is gettable, with its credential keys, settings and data types", async () => {
    const answer = await call(emulator, "GET", "/api/v6/providers/acme_pay");
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      name: "acme_pay",
      enabled: false,
      available: true,
      unique: false,
      auth_required: true,
      settings: ["auto_connect", "nightly_export"],
      credentials_config: ["is_sandbox", "merchant_token"],
      data_types: ["PAYMENT_ACCOUNT", "PAYMENT_TRANSACTION"],
      auto_connect: false,
      nightly_export: false,
    });
  });

  test("has its credential keys and types enforced", async () => {
    const missing = await call(emulator, "PUT", "/api/v6/providers/acme_pay/credentials", {
      body: { credentials: { is_sandbox: "yes", client_id: "x" } },
    });
    expect(missing.status).toBe(422);
    expect(errorOf(missing.json).error_details).toEqual({
      missing: ["merchant_token"],
      unexpected: ["client_id"],
      wrong_type: [{ key: "is_sandbox", expected: "boolean" }],
      empty: [],
    });
    const accepted = await call(emulator, "PUT", "/api/v6/providers/acme_pay/credentials", {
      body: { credentials: { is_sandbox: true, merchant_token: TOKEN } },
    });
    expect(accepted.status).toBe(200);
    expect(emulator.control.credentialsOf("acme_pay")).toEqual({ is_sandbox: true, merchant_token: TOKEN });
  });

  test("has its settings enforced", async () => {
    const unknown = await call(emulator, "PUT", "/api/v6/providers/acme_pay/settings", {
      body: { officers_check: true },
    });
    expect(unknown.status).toBe(422);
    expect(errorOf(unknown.json).error_code).toBe("INVALID_SETTINGS");
    const none = await call(emulator, "PUT", "/api/v6/providers/acme-registry/settings", {
      body: { auto_connect: true },
    });
    expect(none.status).toBe(422);
    const accepted = await call(emulator, "PUT", "/api/v6/providers/acme_pay/settings", {
      body: { nightly_export: true },
    });
    expect(accepted.json).toMatchObject({ nightly_export: true, auto_connect: false });
  });

  test("can be enabled once it has credentials, and then connected", async () => {
    const early = await call(emulator, "PUT", "/api/v6/providers/acme_pay", { body: { enable: true } });
    expect(early.status).toBe(422);
    expect(errorOf(early.json).error_code).toBe("CREDENTIALS_REQUIRED");
    await call(emulator, "PUT", "/api/v6/providers/acme_pay/credentials", {
      body: { credentials: { is_sandbox: false, merchant_token: TOKEN } },
    });
    const enabled = await call(emulator, "PUT", "/api/v6/providers/acme_pay", { body: { enable: true } });
    expect(enabled.status).toBe(200);
    expect(enabled.json).toMatchObject({ enabled: true });

    const user = (await call(emulator, "POST", "/api/v6/users/legal", { body: { name: "ACME" } })).json as {
      id: string;
    };
    const connection = await call(emulator, "POST", `/api/v6/users/${user.id}/data-connections`, {
      body: { provider_name: "acme_pay" },
    });
    expect(connection.status).toBe(201);
    expect(connection.json).toMatchObject({
      status: "AUTH_REQUIRED",
      requested_data_types: ["PAYMENT_ACCOUNT", "PAYMENT_TRANSACTION"],
    });
  });

  test("without credentials can be enabled at once, and patched through the control API", async () => {
    const enabled = await call(emulator, "PUT", "/api/v6/providers/acme-registry", {
      body: { enable: true },
    });
    expect(enabled.json).toMatchObject({ name: "acme-registry", enabled: true });
    emulator.control.patchProvider("acme-registry", { available: false });
    expect((await call(emulator, "GET", "/api/v6/providers/acme-registry")).json).toMatchObject({
      available: false,
    });
  });

  test("has its credential values redacted in the request log, on any route", async () => {
    await call(emulator, "PUT", "/api/v6/providers/acme_pay/credentials", {
      body: { credentials: { is_sandbox: true, merchant_token: TOKEN } },
    });
    // A key only the extra provider declares, sent to the wrong route.
    await call(emulator, "PUT", "/api/v6/providers/shopify/settings", { body: { merchant_token: TOKEN } });
    const [credentials, misplaced] = emulator.control.requests();
    expect(credentials?.body).toEqual({
      credentials: { is_sandbox: "[REDACTED]", merchant_token: "[REDACTED]" },
    });
    expect(misplaced?.body).toEqual({ merchant_token: "[REDACTED]" });
    expect(JSON.stringify(emulator.control.requests())).not.toContain(TOKEN);
  });

  test("survives reset()", async () => {
    await call(emulator, "PUT", "/api/v6/providers/acme-registry", { body: { enable: true } });
    emulator.control.reset();
    expect((await call(emulator, "GET", "/api/v6/providers/acme-registry")).json).toMatchObject({
      enabled: false,
    });
  });
});

describe("catalogues", () => {
  test("are not shared between emulators of one process", async () => {
    const alpha = await startEmulatorUntilTestEnds({ extraProviders: [{ ...ACME_REGISTRY, name: "alpha" }] });
    const beta = await startEmulatorUntilTestEnds({ extraProviders: [{ ...ACME_REGISTRY, name: "beta" }] });
    const plain = await startEmulatorUntilTestEnds();
    expect((await call(alpha, "GET", "/api/v6/providers/alpha")).status).toBe(200);
    expect((await call(alpha, "GET", "/api/v6/providers/beta")).status).toBe(404);
    expect((await call(beta, "GET", "/api/v6/providers/beta")).status).toBe(200);
    expect((await call(beta, "GET", "/api/v6/providers/alpha")).status).toBe(404);
    expect(names((await call(plain, "GET", "/api/v6/providers")).json)).toEqual(CATALOGUE.map((d) => d.name));
    expect(() => alpha.control.patchProvider("beta", { enabled: true })).toThrow(/Provider beta not found/);
    // The built-in emulator does not know the extra provider's credential key, so it has no reason to hide it.
    await call(plain, "PUT", "/api/v6/providers/shopify/settings", { body: { merchant_token: "visible" } });
    expect(plain.control.requests().at(-1)?.body).toEqual({ merchant_token: "visible" });
  });

  test("are copied at start: changing the definitions afterwards changes nothing", async () => {
    const definition = { ...ACME_REGISTRY, settings: ["auto_connect"] };
    const running = await startEmulatorUntilTestEnds({ extraProviders: [definition] });
    definition.name = "renamed";
    definition.settings.push("nightly_export");
    const answer = await call(running, "GET", "/api/v6/providers/acme-registry");
    expect(answer.json).toMatchObject({ settings: ["auto_connect"] });
  });
});

describe("persistence", () => {
  const directory = mkdtempSync(join(tmpdir(), "qard-emulator-extra-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test("keeps an extra provider's state across a restart with the same extra providers", async () => {
    const stateFile = join(directory, "extra.json");
    const first = await startEmulatorUntilTestEnds({ stateFile, extraProviders: [ACME_PAY] });
    await call(first, "PUT", "/api/v6/providers/acme_pay/credentials", {
      body: { credentials: { is_sandbox: true, merchant_token: TOKEN } },
    });
    await call(first, "PUT", "/api/v6/providers/acme_pay/settings", { body: { nightly_export: true } });
    await call(first, "PUT", "/api/v6/providers/acme_pay", { body: { enable: true } });
    await first.close();

    const second = await startEmulatorUntilTestEnds({ stateFile, extraProviders: [ACME_PAY] });
    expect((await call(second, "GET", "/api/v6/providers/acme_pay")).json).toMatchObject({
      enabled: true,
      nightly_export: true,
    });
    expect(second.control.credentialsOf("acme_pay")).toEqual({ is_sandbox: true, merchant_token: TOKEN });
    await second.close();

    // Started without it, the emulator no longer knows the provider, as for one removed from the catalogue.
    const third = await startEmulatorUntilTestEnds({ stateFile });
    expect((await call(third, "GET", "/api/v6/providers/acme_pay")).status).toBe(404);
  });
});

describe("invalid extra providers", () => {
  const refused = (extraProviders: unknown) => () =>
    normalizeOptions({ extraProviders: extraProviders as ProviderDefinition[] });

  test("are refused by startEmulator, naming the option, the entry and the field", async () => {
    await expect(startEmulator({ extraProviders: [{ ...ACME_PAY, name: "shopify" }] })).rejects.toThrow(
      'Invalid emulator option extraProviders: entry 0: name "shopify" is a built-in provider; choose another name',
    );
  });

  test("need unique, well-formed names", () => {
    expect(refused([ACME_PAY, { ...ACME_REGISTRY, name: "acme_pay" }])).toThrow(
      'entry 1: name "acme_pay" is given to an earlier entry too',
    );
    expect(refused([{ ...ACME_PAY, name: "Acme Pay" }])).toThrow(/entry 0: name must be a string matching/);
    expect(refused([{ ...ACME_PAY, name: undefined }])).toThrow(/entry 0: name must be a string/);
  });

  test("need every field, and no unknown one", () => {
    const { unique: _unique, ...withoutUnique } = ACME_PAY;
    expect(refused([withoutUnique])).toThrow("entry 0 (acme_pay): unique must be a boolean");
    expect(refused([{ ...ACME_PAY, auth_required: true }])).toThrow(
      /entry 0 has unknown fields auth_required/,
    );
    expect(refused({ name: "acme_pay" })).toThrow(/extraProviders: must be an array/);
    expect(refused(["acme_pay"])).toThrow("entry 0 must be an object");
  });

  test("need valid credential keys", () => {
    const bad = (credentials: unknown) => refused([{ ...ACME_PAY, credentials }]);
    expect(bad([{ name: "token", type: "number" }])).toThrow(
      'entry 0 (acme_pay): credentials[0].type must be "string" or "boolean"',
    );
    expect(bad([{ name: "", type: "string" }])).toThrow(/credentials\[0\]\.name must be a string matching/);
    expect(bad([{ name: "token", type: "string", secret: true }])).toThrow(
      /exactly the fields name and type/,
    );
    expect(
      bad([
        { name: "token", type: "string" },
        { name: "token", type: "boolean" },
      ]),
    ).toThrow("credentials names token more than once");
    expect(bad({ token: "string" })).toThrow(/credentials must be an array/);
  });

  test("need valid settings and data types", () => {
    expect(refused([{ ...ACME_PAY, settings: ["auto_connect", "auto_connect"] }])).toThrow(
      "settings names auto_connect more than once",
    );
    expect(refused([{ ...ACME_PAY, settings: [true] }])).toThrow(/settings must be an array of strings/);
    expect(refused([{ ...ACME_PAY, settings: ["enabled"] }])).toThrow(
      "settings enabled would hide the provider field of that name",
    );
    expect(refused([{ ...ACME_PAY, dataTypes: [] }])).toThrow("dataTypes must name at least one data type");
  });
});

describe("the --extra-providers flag", () => {
  const directory = mkdtempSync(join(tmpdir(), "qard-emulator-flag-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test("reads the definitions from a JSON file", async () => {
    const file = join(directory, "providers.json");
    writeFileSync(file, JSON.stringify([ACME_REGISTRY]));
    const options = optionsFromArgs(["--extra-providers", file]);
    expect(options).toEqual({ extraProviders: [ACME_REGISTRY] });
    const running = await startEmulatorUntilTestEnds(options);
    expect((await call(running, "GET", "/api/v6/providers/acme-registry")).status).toBe(200);
  });

  test("says which file it could not read", () => {
    const file = join(directory, "broken.json");
    writeFileSync(file, "[{");
    expect(() => optionsFromArgs(["--extra-providers", file])).toThrow(
      `--extra-providers: cannot read JSON from ${file}`,
    );
    expect(() => optionsFromArgs(["--extra-providers", join(directory, "missing.json")])).toThrow(
      /--extra-providers: cannot read JSON from .*missing\.json/,
    );
  });
});
