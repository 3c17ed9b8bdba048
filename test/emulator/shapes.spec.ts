import { beforeEach, describe, expect, test } from "vitest";
import { call, startTestEmulator, startEmulatorUntilTestEnds } from "../helpers/emulator.ts";

const emulator = startTestEmulator();

beforeEach(() => emulator.control.reset());

interface Envelope {
  result: { name: string }[];
  total: number;
  per_page: number;
  current_page: number;
  last_page: number;
}

describe("list shape", () => {
  test("is a bare array by default", async () => {
    const answer = await call(emulator, "GET", "/api/v6/providers?page=2&per_page=3");
    expect(Array.isArray(answer.json)).toBe(true);
    expect((answer.json as unknown[]).length).toBe(14);
  });

  test("envelope wraps the first page with the default page size", async () => {
    emulator.control.setShapes({ list: "envelope" });
    const answer = await call(emulator, "GET", "/api/v6/providers");
    const envelope = answer.json as Envelope;
    expect(envelope).toMatchObject({ total: 14, per_page: 50, current_page: 1, last_page: 1 });
    expect(envelope.result).toHaveLength(14);
  });

  test("envelope honours page and per_page", async () => {
    emulator.control.setShapes({ list: "envelope" });
    const first = (await call(emulator, "GET", "/api/v6/providers?per_page=5")).json as Envelope;
    const third = (await call(emulator, "GET", "/api/v6/providers?page=3&per_page=5")).json as Envelope;
    expect(first).toMatchObject({ total: 14, per_page: 5, current_page: 1, last_page: 3 });
    expect(first.result.map((p) => p.name)).toEqual([
      "shopify",
      "paypal",
      "gocardless",
      "square",
      "infogreffe",
    ]);
    expect(third.result.map((p) => p.name)).toEqual([
      "sandbox_private",
      "sandbox_openbanking",
      "sandbox_commerce",
      "sandbox_ocr",
    ]);
    expect(third.current_page).toBe(3);
  });

  test("envelope uses the configured perPage when the request gives none", async () => {
    const paged = await startEmulatorUntilTestEnds({ shapes: { list: "envelope", perPage: 4 } });
    const envelope = (await call(paged, "GET", "/api/v6/providers")).json as Envelope;
    expect(envelope).toMatchObject({ per_page: 4, last_page: 4 });
    expect(envelope.result).toHaveLength(4);
  });

  test("a page past the end is empty, not an error", async () => {
    emulator.control.setShapes({ list: "envelope" });
    const envelope = (await call(emulator, "GET", "/api/v6/providers?page=9&per_page=5")).json as Envelope;
    expect(envelope.result).toEqual([]);
    expect(envelope.last_page).toBe(3);
  });

  test("rejects a malformed page parameter with 422", async () => {
    emulator.control.setShapes({ list: "envelope" });
    expect((await call(emulator, "GET", "/api/v6/providers?page=0")).status).toBe(422);
    expect((await call(emulator, "GET", "/api/v6/providers?per_page=ten")).status).toBe(422);
  });
});

describe("PUT shape", () => {
  test("answers 200 with the provider object by default", async () => {
    const answer = await call(emulator, "PUT", "/api/v6/providers/shopify/settings", {
      body: { auto_connect: true },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ name: "shopify", auto_connect: true });
  });

  test("no-content answers 204 with an empty body, for all three PUTs", async () => {
    emulator.control.setShapes({ put: "no-content" });
    const credentials = { client_id: "a", client_secret: "b" };
    const answers = [
      await call(emulator, "PUT", "/api/v6/providers/shopify/credentials", { body: { credentials } }),
      await call(emulator, "PUT", "/api/v6/providers/shopify/settings", { body: { auto_connect: true } }),
      await call(emulator, "PUT", "/api/v6/providers/shopify", { body: { enable: true } }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(204);
      expect(answer.text).toBe("");
    }
    expect((await call(emulator, "GET", "/api/v6/providers/shopify")).json).toMatchObject({ enabled: true });
  });
});

describe("error shape", () => {
  test("qard: error_code, error_message, error_details", async () => {
    const answer = await call(emulator, "GET", "/api/v6/providers/nope");
    expect(Object.keys(answer.json as object).sort()).toEqual([
      "error_code",
      "error_details",
      "error_message",
    ]);
    expect(answer.json).toMatchObject({ error_code: "NOT_FOUND" });
  });

  test("message: only {message}, also for 401 and 422", async () => {
    emulator.control.setShapes({ errors: "message" });
    const notFound = await call(emulator, "GET", "/api/v6/providers/nope");
    const unauthorized = await call(emulator, "GET", "/api/v6/providers", { apiKey: "wrong" });
    const invalid = await call(emulator, "PUT", "/api/v6/providers/shopify/settings", {
      body: { colour: true },
    });
    for (const answer of [notFound, unauthorized, invalid]) {
      expect(Object.keys(answer.json as object)).toEqual(["message"]);
    }
    expect((invalid.json as { message: string }).message).toContain("colour");
  });
});

describe("setting shapes", () => {
  test("keeps the fields not given", async () => {
    emulator.control.setShapes({ list: "envelope" });
    emulator.control.setShapes({ errors: "message" });
    expect(Array.isArray((await call(emulator, "GET", "/api/v6/providers")).json)).toBe(false);
  });

  test("rejects an unknown value", () => {
    expect(() => emulator.control.setShapes({ list: "table" as "array" })).toThrow(/list must be one of/);
  });

  test("rejects invalid start options", async () => {
    const { startEmulator } = await import("../../emulator/server.ts");
    await expect(startEmulator({ shapes: { perPage: 0 } })).rejects.toThrow(/Invalid emulator option shapes/);
  });

  test("reset goes back to the shapes the emulator started with", async () => {
    const started = await startEmulatorUntilTestEnds({ shapes: { list: "envelope" } });
    started.control.setShapes({ list: "array" });
    started.control.reset();
    expect(Array.isArray((await call(started, "GET", "/api/v6/providers")).json)).toBe(false);
  });
});
