import { beforeEach, describe, expect, test } from "vitest";
import { call, startTestEmulator } from "../helpers/emulator.ts";

const emulator = startTestEmulator();

beforeEach(() => emulator.control.reset());

const control = (method: string, path: string, body?: unknown) =>
  call(emulator, method, `/_emulator${path}`, { apiKey: null, body });

describe("patchProvider (drift made outside the API)", () => {
  test("changes enabled, available and settings as the API then reports them", async () => {
    emulator.control.patchProvider("shopify", {
      enabled: true,
      available: false,
      settings: { auto_connect: true },
    });
    expect((await call(emulator, "GET", "/api/v6/providers/shopify")).json).toMatchObject({
      enabled: true,
      available: false,
      auto_connect: true,
    });
  });

  test("leaves the fields not given", async () => {
    emulator.control.patchProvider("comply_cube", { settings: { officers_check: true } });
    emulator.control.patchProvider("comply_cube", { enabled: true });
    expect((await call(emulator, "GET", "/api/v6/providers/comply_cube")).json).toMatchObject({
      enabled: true,
      available: true,
      officers_check: true,
      beneficial_owners_check: false,
    });
  });

  test("refuses an unknown provider or setting", () => {
    expect(() => emulator.control.patchProvider("nope", { enabled: true })).toThrow(/not found/);
    expect(() => emulator.control.patchProvider("square", { settings: { auto_connect: true } })).toThrow(
      /Unknown settings: auto_connect/,
    );
  });
});

describe("control over HTTP, without an API key", () => {
  test("GET and DELETE /_emulator/requests", async () => {
    await call(emulator, "GET", "/api/v6/providers/shopify");
    const listed = await control("GET", "/requests");
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject([{ method: "GET", path: "/api/v6/providers/shopify", status: 200 }]);
    expect((await control("DELETE", "/requests")).status).toBe(204);
    expect(emulator.control.requests()).toEqual([]);
  });

  test("POST and DELETE /_emulator/faults", async () => {
    const added = await control("POST", "/faults", { path: "/api/v6/providers", status: 503, times: 2 });
    expect(added.status).toBe(201);
    expect((await call(emulator, "GET", "/api/v6/providers")).status).toBe(503);
    expect((await control("DELETE", "/faults")).status).toBe(204);
    expect((await call(emulator, "GET", "/api/v6/providers")).status).toBe(200);
  });

  test("POST /_emulator/faults refuses an invalid fault with 400", async () => {
    const answer = await control("POST", "/faults", { path: "/api/v6/providers", status: "503" });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("status");
    expect((await control("POST", "/faults", { path: "/x", status: 500, colour: "red" })).status).toBe(400);
  });

  test("PUT /_emulator/shapes", async () => {
    const answer = await control("PUT", "/shapes", { list: "envelope", put: "no-content" });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      list: "envelope",
      perPage: 50,
      put: "no-content",
      errors: "qard",
      settings: "merge",
    });
    expect((await call(emulator, "GET", "/api/v6/providers")).json).toHaveProperty("result");
    expect((await control("PUT", "/shapes", { list: "xml" })).status).toBe(400);
  });

  test("PATCH /_emulator/providers/{name}", async () => {
    const answer = await control("PATCH", "/providers/paypal", { available: false });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ name: "paypal", available: false });
    expect((await control("PATCH", "/providers/nope", { available: false })).status).toBe(404);
    expect((await control("PATCH", "/providers/paypal", { available: "no" })).status).toBe(400);
  });

  test("POST /_emulator/reset returns to the initial catalogue", async () => {
    await call(emulator, "PUT", "/api/v6/providers/sandbox_ocr", { body: { enable: true } });
    await call(emulator, "POST", "/api/v6/users/legal", { body: { name: "ACME" } });
    emulator.control.addFault({ path: "/api/v6/providers/sandbox_ocr", status: 503 });
    expect((await control("POST", "/reset")).status).toBe(204);
    expect(emulator.control.requests()).toEqual([]);
    const answer = await call(emulator, "GET", "/api/v6/providers/sandbox_ocr");
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ enabled: false });
  });

  test("an unknown control route is 404", async () => {
    expect((await control("GET", "/nothing")).status).toBe(404);
  });

  test("a path outside /api/v6 and /_emulator is 404", async () => {
    expect((await call(emulator, "GET", "/")).status).toBe(404);
  });
});
