import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { startEmulator } from "../../emulator/server.ts";
import { call, startEmulatorUntilTestEnds } from "../helpers/emulator.ts";

const directory = mkdtempSync(join(tmpdir(), "qard-emulator-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const CREDENTIALS = { client_id: "persisted-id", client_secret: "persisted-secret" };

test("a restarted emulator finds providers, users, connections and syncs where they were", async () => {
  const stateFile = join(directory, "restart.json");
  const first = await startEmulatorUntilTestEnds({ stateFile, syncDelayMs: 0 });
  await call(first, "PUT", "/api/v6/providers/shopify/credentials", { body: { credentials: CREDENTIALS } });
  await call(first, "PUT", "/api/v6/providers/shopify/settings", { body: { auto_connect: true } });
  await call(first, "PUT", "/api/v6/providers/shopify", { body: { enable: true } });
  first.control.patchProvider("paypal", { available: false });
  const user = (await call(first, "POST", "/api/v6/users/legal", { body: { name: "ACME" } })).json as {
    id: string;
  };
  const connection = (
    await call(first, "POST", `/api/v6/users/${user.id}/data-connections`, {
      body: { provider_name: "shopify", requested_data_types: ["COMMERCE_ORDER"] },
    })
  ).json as { redirect_url: string };
  await fetch(connection.redirect_url);
  await call(first, "POST", `/api/v6/users/${user.id}/sync`, { body: {} });
  await first.close();

  const second = await startEmulatorUntilTestEnds({ stateFile });
  expect((await call(second, "GET", "/api/v6/providers/shopify")).json).toMatchObject({
    enabled: true,
    auto_connect: true,
  });
  expect((await call(second, "GET", "/api/v6/providers/paypal")).json).toMatchObject({ available: false });
  expect(second.control.credentialsOf("shopify")).toEqual(CREDENTIALS);
  const connections = (await call(second, "GET", `/api/v6/users/${user.id}/data-connections`)).json;
  expect(connections).toMatchObject([{ status: "CONNECTED" }]);
  expect((await call(second, "GET", `/api/v6/users/${user.id}/commerce-orders`)).json).toHaveLength(12);
});

test("does not save rejected requests, and saves atomically with owner-only permissions", async () => {
  const stateFile = join(directory, "atomic.json");
  const emulator = await startEmulatorUntilTestEnds({ stateFile });
  await call(emulator, "PUT", "/api/v6/providers/sandbox_ocr", { body: { enable: true } });
  const saved = readFileSync(stateFile, "utf8");
  await call(emulator, "PUT", "/api/v6/providers/shopify", { body: { enable: true } });
  expect(readFileSync(stateFile, "utf8")).toBe(saved);
  expect(JSON.parse(saved)).toMatchObject({ providers: { sandbox_ocr: { enabled: true } } });
  expect(readdirSync(directory).filter((name) => name.includes(".tmp"))).toEqual([]);
  expect(statSync(stateFile).mode & 0o077).toBe(0);
});

test("reset() is saved too", async () => {
  const stateFile = join(directory, "reset.json");
  const emulator = await startEmulatorUntilTestEnds({ stateFile });
  await call(emulator, "PUT", "/api/v6/providers/sandbox_ocr", { body: { enable: true } });
  emulator.control.reset();
  expect(JSON.parse(readFileSync(stateFile, "utf8"))).toMatchObject({
    providers: { sandbox_ocr: { enabled: false } },
  });
});

test("starts from the initial catalogue when the file does not exist yet", async () => {
  const emulator = await startEmulatorUntilTestEnds({ stateFile: join(directory, "absent.json") });
  expect((await call(emulator, "GET", "/api/v6/providers/shopify")).json).toMatchObject({ enabled: false });
});

test("refuses to start on a corrupt state file, naming it", async () => {
  const stateFile = join(directory, "corrupt.json");
  writeFileSync(stateFile, "{ not json");
  await expect(startEmulator({ stateFile })).rejects.toThrow(stateFile);
});
