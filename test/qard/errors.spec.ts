import { describe, expect, it } from "vitest";
import { createApiError } from "../../providers/src/qard/errors.ts";
import {
  createRedactor,
  QardApiError,
  QardAuthError,
  QardError,
  QardNetworkError,
  QardNotFoundError,
  QardRateLimitError,
  QardResponseError,
} from "../../providers/src/qard/index.ts";

const input = {
  method: "PUT",
  path: "/api/v6/providers/shopify/credentials",
  statusText: "",
  attempts: 1,
  redact: createRedactor([]),
};

describe("createApiError", () => {
  it.each([
    [401, QardAuthError],
    [403, QardAuthError],
    [404, QardNotFoundError],
    [429, QardRateLimitError],
    [400, QardApiError],
    [409, QardApiError],
    [422, QardApiError],
    [500, QardApiError],
    [503, QardApiError],
  ])("classifies %i as %s", (status, type) => {
    const error = createApiError({ ...input, status, body: undefined });
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(QardApiError);
    expect(error).toBeInstanceOf(QardError);
    expect(error.name).toBe(type.name);
    expect(error.status).toBe(status);
  });

  it("reads Qard's error body into the message and the fields", () => {
    const error = createApiError({
      ...input,
      status: 422,
      statusText: "Unprocessable Entity",
      body: {
        error_code: "INVALID_CREDENTIALS",
        error_message: "Invalid credentials for provider shopify: missing keys: client_secret.",
        error_details: { missing: ["client_secret"] },
      },
    });
    expect(error.message).toBe(
      "PUT /api/v6/providers/shopify/credentials failed with 422 Unprocessable Entity: " +
        "Invalid credentials for provider shopify: missing keys: client_secret. (code INVALID_CREDENTIALS) " +
        "after 1 attempt",
    );
    expect(error).toMatchObject({
      status: 422,
      code: "INVALID_CREDENTIALS",
      qardMessage: "Invalid credentials for provider shopify: missing keys: client_secret.",
      details: { missing: ["client_secret"] },
      method: "PUT",
      path: "/api/v6/providers/shopify/credentials",
      attempts: 1,
    });
  });

  it("reads `message` when there is no error_message, and a numeric error_code", () => {
    const error = createApiError({ ...input, status: 400, body: { message: "Bad body", error_code: 12 } });
    expect(error.qardMessage).toBe("Bad body");
    expect(error.code).toBe("12");
    expect(error.message).toContain(": Bad body (code 12)");
  });

  it("falls back to the status line (with the standard reason phrase) when the body says nothing", () => {
    const error = createApiError({
      ...input,
      method: "GET",
      path: "/api/v6/providers",
      status: 502,
      body: "oops",
    });
    expect(error.message).toBe("GET /api/v6/providers failed with 502 Bad Gateway after 1 attempt");
    expect(error.code).toBeUndefined();
    expect(error.qardMessage).toBeUndefined();
    expect(error.details).toBeUndefined();
  });

  it("counts attempts and says why it gave up", () => {
    const error = createApiError({
      ...input,
      status: 503,
      statusText: "Service Unavailable",
      body: undefined,
      attempts: 3,
      gaveUp: "retry budget of 500 ms exhausted",
    });
    expect(error.message).toBe(
      "PUT /api/v6/providers/shopify/credentials failed with 503 Service Unavailable after 3 attempts " +
        "(retry budget of 500 ms exhausted)",
    );
  });

  it("tells how to fix an authentication failure", () => {
    const error = createApiError({
      ...input,
      status: 401,
      body: { error_message: "Missing or invalid X-API-KEY" },
    });
    expect(error.message).toMatch(/Check that apiKey is a valid Qard API key/);
  });

  it("redacts what it was told to, in the message, the fields and the details", () => {
    const secret = "fake-client-secret-TOPSECRET";
    const error = createApiError({
      ...input,
      status: 422,
      body: {
        error_code: `BAD_${secret}`,
        error_message: `client_secret "${secret}" is invalid`,
        error_details: { client_secret: secret, nested: [{ value: `x${secret}x` }] },
      },
      redact: createRedactor([secret]),
    });
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(secret);
    expect(error.qardMessage).toBe('client_secret "[REDACTED]" is invalid');
    expect(error.details).toEqual({ client_secret: "[REDACTED]", nested: [{ value: "x[REDACTED]x" }] });
  });
});

describe("QardNetworkError", () => {
  it("says what failed, where, and after how many attempts", () => {
    const error = new QardNetworkError({
      method: "GET",
      path: "/api/v6/providers/shopify",
      attempts: 3,
      kind: "timeout",
      description: "request timed out after 15000 ms",
    });
    expect(error.message).toBe(
      "GET /api/v6/providers/shopify: request timed out after 15000 ms (3 attempts)",
    );
    expect(error).toMatchObject({ kind: "timeout", attempts: 3, method: "GET", name: "QardNetworkError" });
    expect(error).toBeInstanceOf(QardError);
  });

  it("adds why it gave up", () => {
    const error = new QardNetworkError({
      method: "PUT",
      path: "/api/v6/providers/shopify",
      attempts: 1,
      kind: "reset",
      description: "connection reset",
      gaveUp: "retry budget of 100 ms exhausted",
    });
    expect(error.message).toBe(
      "PUT /api/v6/providers/shopify: connection reset (1 attempt, retry budget of 100 ms exhausted)",
    );
  });
});

describe("QardResponseError", () => {
  it("prefixes the problem with the request", () => {
    const error = new QardResponseError(
      "GET",
      "/api/v6/providers/shopify",
      "field `enabled` must be a boolean",
    );
    expect(error.message).toBe("GET /api/v6/providers/shopify: field `enabled` must be a boolean");
    expect(error).toBeInstanceOf(QardError);
  });
});
