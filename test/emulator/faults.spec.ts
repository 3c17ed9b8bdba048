import { beforeEach, describe, expect, test } from "vitest";
import { call, startTestEmulator, startEmulatorUntilTestEnds } from "../helpers/emulator.ts";
import { waitUntil } from "../helpers/wait-until.ts";

const emulator = startTestEmulator();

beforeEach(() => emulator.control.reset());

const SHOPIFY = "/api/v6/providers/shopify";

describe("status faults", () => {
  test("answer the status once by default, then the route answers normally", async () => {
    emulator.control.addFault({ path: SHOPIFY, status: 503 });
    const faulted = await call(emulator, "GET", SHOPIFY);
    expect(faulted.status).toBe(503);
    expect(faulted.json).toMatchObject({ error_code: "SERVICE_UNAVAILABLE" });
    expect(faulted.headers.get("retry-after")).toBeNull();
    expect((await call(emulator, "GET", SHOPIFY)).status).toBe(200);
  });

  test("apply `times` times", async () => {
    emulator.control.addFault({ path: SHOPIFY, status: 502, times: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(emulator, "GET", SHOPIFY)).status);
    expect(statuses).toEqual([502, 502, 502, 200]);
  });

  test("send Retry-After with a 429, in seconds or as an HTTP date", async () => {
    const date = "Wed, 21 Oct 2037 07:28:00 GMT";
    emulator.control.addFault({ path: SHOPIFY, status: 429, retryAfter: "1" });
    emulator.control.addFault({ path: SHOPIFY, status: 429, retryAfter: date });
    const first = await call(emulator, "GET", SHOPIFY);
    const second = await call(emulator, "GET", SHOPIFY);
    expect([first.status, first.headers.get("retry-after")]).toEqual([429, "1"]);
    expect([second.status, second.headers.get("retry-after")]).toEqual([429, date]);
    expect(first.json).toMatchObject({ error_code: "TOO_MANY_REQUESTS" });
  });

  test("use the current error shape", async () => {
    emulator.control.setShapes({ errors: "message" });
    emulator.control.addFault({ path: SHOPIFY, status: 500 });
    expect(Object.keys((await call(emulator, "GET", SHOPIFY)).json as object)).toEqual(["message"]);
  });

  test("apply before authentication, as a gateway would", async () => {
    emulator.control.addFault({ path: SHOPIFY, status: 429 });
    expect((await call(emulator, "GET", SHOPIFY, { apiKey: "wrong" })).status).toBe(429);
  });

  test("do not process the request they answer", async () => {
    emulator.control.addFault({ path: `${SHOPIFY}/settings`, status: 503 });
    await call(emulator, "PUT", `${SHOPIFY}/settings`, { body: { auto_connect: true } });
    expect((await call(emulator, "GET", SHOPIFY)).json).toMatchObject({ auto_connect: false });
  });
});

describe("matching", () => {
  test("a path ending with * is a prefix", async () => {
    emulator.control.addFault({ path: "/api/v6/providers/*", status: 503, times: 2 });
    expect((await call(emulator, "GET", SHOPIFY)).status).toBe(503);
    expect((await call(emulator, "PUT", `${SHOPIFY}/settings`, { body: {} })).status).toBe(503);
    expect((await call(emulator, "GET", SHOPIFY)).status).toBe(200);
  });

  test("an exact path does not match its sub-paths", async () => {
    emulator.control.addFault({ path: SHOPIFY, status: 503 });
    expect((await call(emulator, "GET", `${SHOPIFY}/settings`)).status).toBe(404);
    expect((await call(emulator, "GET", SHOPIFY)).status).toBe(503);
  });

  test("a method restricts the fault to that method, in any case", async () => {
    emulator.control.addFault({ method: "put", path: SHOPIFY, status: 503 });
    expect((await call(emulator, "GET", SHOPIFY)).status).toBe(200);
    expect((await call(emulator, "PUT", SHOPIFY, { body: { enable: false } })).status).toBe(503);
  });

  test("faults apply in the order they were added", async () => {
    emulator.control.addFault({ path: SHOPIFY, status: 502 });
    emulator.control.addFault({ path: SHOPIFY, status: 504 });
    expect((await call(emulator, "GET", SHOPIFY)).status).toBe(502);
    expect((await call(emulator, "GET", SHOPIFY)).status).toBe(504);
  });

  test("clearFaults disarms them", async () => {
    emulator.control.addFault({ path: SHOPIFY, status: 503, times: 5 });
    emulator.control.clearFaults();
    expect((await call(emulator, "GET", SHOPIFY)).status).toBe(200);
  });

  test("start options arm faults", async () => {
    const faulty = await startEmulatorUntilTestEnds({ faults: [{ path: SHOPIFY, status: 504 }] });
    expect((await call(faulty, "GET", SHOPIFY)).status).toBe(504);
  });

  test("an invalid fault is refused with the field named", () => {
    expect(() => emulator.control.addFault({ path: SHOPIFY })).toThrow(/needs an effect/);
    expect(() => emulator.control.addFault({ path: SHOPIFY, status: 503, times: 0 })).toThrow(/times/);
    expect(() => emulator.control.addFault({ path: SHOPIFY, status: 503, reset: true })).toThrow(/one way/);
    expect(() => emulator.control.addFault({ path: SHOPIFY, retryAfter: "1" })).toThrow(/give status/);
  });
});

describe("transport faults", () => {
  test("latency delays the answer and the request is still processed", async () => {
    emulator.control.addFault({ path: `${SHOPIFY}/settings`, latencyMs: 250 });
    const started = performance.now();
    const answer = await call(emulator, "PUT", `${SHOPIFY}/settings`, { body: { auto_connect: true } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ auto_connect: true });
    const [entry] = emulator.control.requests();
    expect(entry?.durationMs).toBeGreaterThanOrEqual(240);
  });

  test("latency combines with a status", async () => {
    emulator.control.addFault({ path: SHOPIFY, latencyMs: 150, status: 503 });
    const started = performance.now();
    expect((await call(emulator, "GET", SHOPIFY)).status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  test("reset destroys the connection: fetch rejects", async () => {
    emulator.control.addFault({ path: SHOPIFY, reset: true });
    await expect(call(emulator, "GET", SHOPIFY)).rejects.toThrow();
    expect((await call(emulator, "GET", SHOPIFY)).status).toBe(200);
    expect(emulator.control.requests().map((entry) => entry.status)).toEqual([0, 200]);
  });

  test("lostAnswer applies the request, then resets the connection: the client cannot know it worked", async () => {
    emulator.control.addFault({ method: "PUT", path: `${SHOPIFY}/settings`, lostAnswer: true });
    await expect(
      call(emulator, "PUT", `${SHOPIFY}/settings`, { body: { auto_connect: true } }),
    ).rejects.toThrow();
    expect((await call(emulator, "GET", SHOPIFY)).json).toMatchObject({ auto_connect: true });
    expect(emulator.control.requests()).toMatchObject([
      { method: "PUT", status: 0, fault: `answer lost on PUT ${SHOPIFY}/settings` },
      { method: "GET", status: 200 },
    ]);
  });

  test("lostAnswer is one way of answering: not with a status or a reset", () => {
    expect(() => emulator.control.addFault({ path: SHOPIFY, lostAnswer: true, reset: true })).toThrow(
      /one way/,
    );
    expect(() => emulator.control.addFault({ path: SHOPIFY, lostAnswer: true, status: 503 })).toThrow(
      /one way/,
    );
  });

  test("hang never answers: the client gives up on its own timeout", async () => {
    emulator.control.addFault({ path: SHOPIFY, hang: true });
    // The client's own timer ends the call (a TimeoutError), not an answer or a closed connection.
    await expect(call(emulator, "GET", SHOPIFY, { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({
      name: "TimeoutError",
    });
    expect(emulator.control.requests()).toMatchObject([
      { path: SHOPIFY, status: 0, fault: `hang on * ${SHOPIFY}` },
    ]);
    expect((await call(emulator, "GET", SHOPIFY)).status).toBe(200);
  });

  test("close() ends a hanging request instead of waiting for it", async () => {
    const hanging = await startEmulatorUntilTestEnds({ faults: [{ path: SHOPIFY, hang: true }] });
    const pending = call(hanging, "GET", SHOPIFY);
    pending.catch(() => undefined);
    await waitUntil(
      "the request to reach the emulator",
      () => hanging.control.requests().length,
      (n) => n === 1,
    );
    // Were close() to wait for the hang, it would never resolve and the test would time out.
    await hanging.close();
    await expect(pending).rejects.toThrow();
  });
});

describe("answers that are not Qard JSON", () => {
  test("redirectTo answers 307 (or the given status) with the Location", async () => {
    emulator.control.addFault({ path: SHOPIFY, redirectTo: "http://127.0.0.1:9/elsewhere" });
    emulator.control.addFault({ path: SHOPIFY, redirectTo: "/login", status: 302 });
    const first = await fetch(`${emulator.baseUrl}${SHOPIFY}`, { redirect: "manual" });
    const second = await fetch(`${emulator.baseUrl}${SHOPIFY}`, { redirect: "manual" });
    expect([first.status, first.headers.get("location")]).toEqual([307, "http://127.0.0.1:9/elsewhere"]);
    expect([second.status, second.headers.get("location")]).toEqual([302, "/login"]);
    expect(emulator.control.requests().map((entry) => entry.fault)).toEqual([
      "redirect to http://127.0.0.1:9/elsewhere on * /api/v6/providers/shopify",
      "status 302 redirect to /login on * /api/v6/providers/shopify",
    ]);
  });

  test("html answers 200 with an HTML page", async () => {
    emulator.control.addFault({ path: SHOPIFY, html: true });
    const answer = await fetch(`${emulator.baseUrl}${SHOPIFY}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await answer.text()).toMatch(/^<!DOCTYPE html>/);
  });

  test("hugeBytes streams a JSON body of about that size, without a length", async () => {
    emulator.control.addFault({ path: SHOPIFY, hugeBytes: 300_000 });
    const answer = await fetch(`${emulator.baseUrl}${SHOPIFY}`);
    expect(answer.headers.get("content-length")).toBeNull();
    const body = await answer.text();
    expect(body.length).toBeGreaterThan(200_000);
    expect(body.length).toBeLessThanOrEqual(300_000);
    expect(Array.isArray(JSON.parse(body))).toBe(true);
  });

  test("json answers the status with exactly that body, hostile text included", async () => {
    const body = { error_message: "\u001b[2J\r::error::pwned", error_code: "X" };
    emulator.control.addFault({ method: "PUT", path: SHOPIFY, status: 422, json: body });
    const answer = await fetch(`${emulator.baseUrl}${SHOPIFY}`, { method: "PUT" });
    expect(answer.status).toBe(422);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(await answer.json()).toEqual(body);
    expect(emulator.control.requests().map((entry) => entry.fault)).toEqual([
      "status 422 a given JSON answer on PUT /api/v6/providers/shopify",
    ]);
  });

  test("a fault with two kinds of answer is refused", () => {
    expect(() => emulator.control.addFault({ path: SHOPIFY, html: true, hang: true })).toThrow(
      /choose one of status, reset, lostAnswer, hang, redirectTo, html, hugeBytes or json/,
    );
  });
});
