import { describe, expect, it } from "vitest";
import {
  classifyNetworkError,
  MAX_BODY_BYTES,
  excerptOf,
  parseBody,
  sendOnce,
} from "../../providers/src/qard/transport.ts";
import type { FetchLike } from "../../providers/src/qard/index.ts";
import { abortError, scriptedFetch, systemError } from "./helpers/fake-fetch.ts";

const request = { url: "https://q.test/api/v6/providers", method: "GET", apiKey: "k", timeoutMs: 1000 };

describe("sendOnce", () => {
  it("sends the key and Accept, and Content-Type only with a body", async () => {
    const { fetch, calls } = scriptedFetch({ status: 200, json: {} });
    await sendOnce(fetch, request);
    await sendOnce(fetch, { ...request, method: "PUT", body: '{"enable":true}' });
    expect(calls[0]?.headers).toEqual({ "X-API-KEY": "k", Accept: "application/json" });
    expect(calls[0]).not.toHaveProperty("body");
    expect(calls[1]?.headers).toEqual({
      "X-API-KEY": "k",
      Accept: "application/json",
      "Content-Type": "application/json",
    });
    expect(calls[1]?.body).toBe('{"enable":true}');
  });

  it("returns status, Retry-After and the parsed body", async () => {
    const { fetch } = scriptedFetch({
      status: 429,
      statusText: "Too Many Requests",
      headers: { "Retry-After": "2" },
      json: { error_code: "X" },
    });
    expect(await sendOnce(fetch, request)).toMatchObject({
      kind: "response",
      status: 429,
      statusText: "Too Many Requests",
      retryAfter: "2",
      body: { kind: "json", value: { error_code: "X" } },
    });
  });

  it("times out a hung request through the abort signal", async () => {
    const { fetch } = scriptedFetch({ hang: true });
    const result = await sendOnce(fetch, { ...request, timeoutMs: 20 });
    expect(result).toMatchObject({ kind: "network", errorKind: "timeout", timeoutMs: 20 });
  });

  it("times out even a fetch that ignores the signal", async () => {
    const { fetch } = scriptedFetch({ hang: true, ignoreSignal: true });
    const result = await sendOnce(fetch, { ...request, timeoutMs: 20 });
    expect(result).toMatchObject({ kind: "network", errorKind: "timeout" });
  });

  it("times out a body that never finishes", async () => {
    const fetch = async () => ({
      status: 200,
      statusText: "OK",
      headers: { get: () => null },
      text: () => new Promise<string>(() => undefined),
    });
    const result = await sendOnce(fetch, { ...request, timeoutMs: 20 });
    expect(result).toMatchObject({ kind: "network", errorKind: "timeout" });
  });

  it("does not read a body whose Content-Length is over the cap", async () => {
    let read = false;
    const fetch = async () => ({
      status: 200,
      statusText: "OK",
      headers: { get: (name: string) => (name === "content-length" ? String(MAX_BODY_BYTES + 1) : null) },
      text: async () => {
        read = true;
        return "[]";
      },
    });
    const result = await sendOnce(fetch, request);
    expect(result).toMatchObject({
      kind: "response",
      body: { kind: "too-large", limitBytes: MAX_BODY_BYTES },
    });
    expect(read).toBe(false);
  });

  it("asks fetch not to follow redirects and to stop reading past the cap", async () => {
    const inits: unknown[] = [];
    const fetch: FetchLike = async (_url, init) => {
      inits.push(init);
      return {
        status: 307,
        statusText: "Temporary Redirect",
        headers: { get: (name: string) => (name === "location" ? "https://elsewhere.test/x" : null) },
        text: async () => "",
      };
    };
    const result = await sendOnce(fetch, { ...request, method: "PUT", body: "{}" });
    expect(result).toMatchObject({ kind: "response", status: 307, location: "https://elsewhere.test/x" });
    expect(inits).toHaveLength(1);
    expect(inits[0]).toMatchObject({ redirect: "manual", size: MAX_BODY_BYTES });
  });

  it("classifies a thrown system error", async () => {
    const { fetch } = scriptedFetch({ error: systemError("ECONNREFUSED") });
    expect(await sendOnce(fetch, request)).toMatchObject({
      kind: "network",
      errorKind: "refused",
      code: "ECONNREFUSED",
      errorName: "FetchError",
    });
  });
});

describe("classifyNetworkError", () => {
  it.each([
    ["node-fetch ECONNRESET", systemError("ECONNRESET"), "reset"],
    ["socket hang up", Object.assign(new Error("request failed, reason: socket hang up")), "reset"],
    ["premature close", systemError("ERR_STREAM_PREMATURE_CLOSE", "Premature close"), "reset"],
    ["EPIPE", systemError("EPIPE"), "reset"],
    ["node-fetch ECONNREFUSED", systemError("ECONNREFUSED"), "refused"],
    [
      "undici: TypeError with a cause",
      new TypeError("fetch failed", { cause: systemError("ECONNREFUSED") }),
      "refused",
    ],
    [
      "undici socket error",
      new TypeError("fetch failed", { cause: systemError("UND_ERR_SOCKET", "other side closed") }),
      "reset",
    ],
    ["ETIMEDOUT", systemError("ETIMEDOUT"), "timeout"],
    ["DNS failure", systemError("ENOTFOUND"), "other"],
    ["an abort not caused by our timer", abortError(), "other"],
    ["a string", "boom", "other"],
  ])("%s -> %s", (_label, error, kind) => {
    expect(classifyNetworkError(error)).toBe(kind);
  });
});

describe("parseBody", () => {
  it("tells empty, JSON and not-JSON apart, keeping the text whole for the caller to redact", () => {
    expect(parseBody("", null)).toEqual({ kind: "empty" });
    expect(parseBody("  \n", null)).toEqual({ kind: "empty" });
    expect(parseBody("[1]", null)).toEqual({ kind: "json", value: [1] });
    const page = "<html>\n  <title>Down</title>\n</html>";
    expect(parseBody(page, "text/html")).toEqual({ kind: "not-json", contentType: "text/html", text: page });
  });

  it("cuts an excerpt to one line of at most 120 characters", () => {
    expect(excerptOf("<html>\n  <title>Down</title>\n</html>")).toBe("<html> <title>Down</title> </html>");
    expect(excerptOf(`<p>${"x".repeat(5000)}</p>`)).toHaveLength(121);
  });
});
