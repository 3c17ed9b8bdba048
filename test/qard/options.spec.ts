import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "../../providers/src/qard/api-url.ts";
import { QardClient, QardConfigError } from "../../providers/src/qard/index.ts";
import { DEFAULTS, normalizeOptions } from "../../providers/src/qard/options.ts";

const KEY = "fake-qard-key-0123456789";

describe("normalizeOptions", () => {
  it("fills every default", () => {
    const options = normalizeOptions({ baseUrl: "https://api.qardfinance.com", apiKey: KEY });
    expect(options).toMatchObject({
      baseUrl: "https://api.qardfinance.com",
      apiKey: KEY,
      timeoutMs: 15_000,
      retry: { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8000, budgetMs: 60_000 },
      random: Math.random,
      timeScale: 1,
      onRequest: undefined,
    });
    expect(typeof options.fetch).toBe("function");
    expect(DEFAULTS.retry).toEqual({ maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8000, budgetMs: 60_000 });
  });

  it("keeps given values and merges a partial retry object with the defaults", () => {
    const random = () => 0.3;
    const options = normalizeOptions({
      baseUrl: "https://preprod.example.com/qard/",
      apiKey: KEY,
      timeoutMs: 50,
      retry: { maxAttempts: 2 },
      random,
      timeScale: 0.01,
    });
    expect(options.baseUrl).toBe("https://preprod.example.com/qard");
    expect(options.timeoutMs).toBe(50);
    expect(options.retry).toEqual({ maxAttempts: 2, baseDelayMs: 250, maxDelayMs: 8000, budgetMs: 60_000 });
    expect(options.random).toBe(random);
    expect(options.timeScale).toBe(0.01);
  });

  it.each([
    ["http://api.qardfinance.com"],
    ["http://10.0.0.5:8080"],
    ["http://localhost.evil.com"],
    ["http://128.0.0.1"],
  ])("refuses plain http to the non-loopback %s, naming the URL", (baseUrl) => {
    expect(() => new QardClient({ baseUrl, apiKey: KEY })).toThrow(QardConfigError);
    expect(() => new QardClient({ baseUrl, apiKey: KEY })).toThrow(baseUrl);
    expect(() => new QardClient({ baseUrl, apiKey: KEY })).toThrow(/use https/);
  });

  it("quotes only the origin of a refused base URL: a query or a path may carry a token", () => {
    for (const baseUrl of [
      "https://api.qardfinance.com/?token=url-token-canary",
      "ftp://api.qardfinance.com/url-token-canary",
      "http://qard.internal/url-token-canary",
      // Not a URL at all (the port is out of range): nothing of it is quoted, user info included.
      "https://user:url-token-canary@api.qardfinance.com:99999",
      "url-token-canary",
    ]) {
      expect(() => new QardClient({ baseUrl, apiKey: KEY })).toThrow(QardConfigError);
      expect(() => new QardClient({ baseUrl, apiKey: KEY })).not.toThrow(/url-token-canary/);
    }
  });

  it.each([
    ["http://localhost:4010"],
    ["http://127.0.0.1:4010"],
    ["http://127.8.9.10"],
    ["http://[::1]:4010"],
  ])("accepts plain http to the loopback %s", (baseUrl) => {
    expect(() => new QardClient({ baseUrl, apiKey: KEY })).not.toThrow();
  });

  it.each([
    [{ baseUrl: "not a url" }, /baseUrl is not a URL/],
    [{ baseUrl: "" }, /baseUrl is required/],
    [{ baseUrl: "ftp://api.qardfinance.com" }, /must use https/],
    [{ baseUrl: "https://api.qardfinance.com?x=1" }, /must not contain a query/],
    [{ apiKey: "" }, /apiKey is required/],
    [{ timeoutMs: 0 }, /timeoutMs must be a positive number/],
    [{ timeoutMs: Number.NaN }, /timeoutMs must be a positive number/],
    [{ retry: { maxAttempts: 0 } }, /retry.maxAttempts must be an integer >= 1, got 0/],
    [{ retry: { maxAttempts: 1.5 } }, /retry.maxAttempts must be an integer >= 1/],
    [{ retry: { budgetMs: -1 } }, /retry.budgetMs must be a positive number/],
    [{ retry: { baseDelayMs: 500, maxDelayMs: 100 } }, /retry.baseDelayMs \(500\) must not exceed/],
    [{ timeScale: -1 }, /timeScale must be a finite number >= 0/],
  ])("rejects %j with a message naming the option", (override, message) => {
    const options = { baseUrl: "https://api.qardfinance.com", apiKey: KEY, ...override };
    expect(() => normalizeOptions(options)).toThrow(QardConfigError);
    expect(() => normalizeOptions(options)).toThrow(message);
  });

  it("rejects user info in the base URL without echoing it", () => {
    const attempt = () =>
      normalizeOptions({ baseUrl: "https://user:hunter2@api.qardfinance.com", apiKey: KEY });
    expect(attempt).toThrow(/must not contain a user name or password/);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it("never echoes the API key, even when it was pasted into the base URL", () => {
    const attempt = () => normalizeOptions({ baseUrl: `http://api.qardfinance.com/${KEY}`, apiKey: KEY });
    expect(attempt).toThrow(QardConfigError);
    expect(attempt).not.toThrow(KEY);
  });

  it("rejects an API key with a newline without quoting it", () => {
    const attempt = () => normalizeOptions({ baseUrl: "https://api.qardfinance.com", apiKey: `${KEY}\n` });
    expect(attempt).toThrow(/control character/);
    expect(attempt).not.toThrow(KEY);
  });
});

describe("isLoopbackHost", () => {
  it.each([
    ["localhost", true],
    ["LOCALHOST", true],
    ["127.0.0.1", true],
    ["127.255.255.254", true],
    ["[::1]", true],
    ["128.0.0.1", false],
    ["localhost.example.com", false],
    ["127.0.0.1.example.com", false],
    ["api.qardfinance.com", false],
  ])("%s -> %s", (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
