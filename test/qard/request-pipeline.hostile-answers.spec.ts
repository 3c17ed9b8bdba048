/**
 * Answers a hostile or misconfigured front could give, over real HTTP against the emulator's faults:
 * a redirect to another origin, an HTML page with status 200, a body too large to read.
 */
import { describe, expect, it } from "vitest";
import { QardRedirectError, QardResponseError } from "../../providers/src/qard/index.ts";
import { MAX_BODY_BYTES } from "../../providers/src/qard/transport.ts";
import { API_KEY, callsTo, startEmulatorForClientSuite } from "./helpers/emulator.ts";

const CREDENTIALS = "/api/v6/providers/shopify/credentials";
const SECRET = "redirect-canary-client-secret-5521";

/** A fetch answer: 200 with `body`, and `content-type` when given. */
function htmlAnswer(body: string, contentType?: string) {
  return {
    status: 200,
    statusText: "OK",
    headers: { get: (name: string) => (name === "content-type" ? (contentType ?? null) : null) },
    text: async () => body,
  };
}

describe("a redirect", () => {
  const emulator = startEmulatorForClientSuite();
  // Another origin (same host, another port) that records whatever reaches it.
  const elsewhere = startEmulatorForClientSuite();

  it.each([301, 302, 307, 308])(
    "%i on the credentials PUT fails naming the target's origin, and nothing reaches it",
    async (status) => {
      emulator.control.addFault({
        method: "PUT",
        path: CREDENTIALS,
        status,
        redirectTo: `${elsewhere.baseUrl}${CREDENTIALS}?token=path-canary`,
      });
      const error = await emulator
        .client()
        .putCredentials("shopify", { client_id: "id-1", client_secret: SECRET })
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(QardRedirectError);
      const message = (error as Error).message;
      expect(message).toContain(`PUT ${CREDENTIALS} answered ${status} (redirect to ${elsewhere.baseUrl})`);
      expect(message).not.toContain("path-canary");
      expect(message).not.toContain(API_KEY);
      expect(elsewhere.control.requests()).toEqual([]);
      // One request, no retry: a redirect is not transient.
      expect(callsTo(emulator.control, "PUT", CREDENTIALS)).toHaveLength(1);
      expect(emulator.control.credentialsOf("shopify")).toBeUndefined();
    },
  );

  it("to a relative Location names the API's own origin and is not followed either", async () => {
    emulator.control.addFault({ method: "GET", path: "/api/v6/providers", redirectTo: "/login" });
    const error = await emulator
      .client()
      .listProviders()
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain(`answered 307 (redirect to ${emulator.baseUrl})`);
    expect(emulator.control.requests().map((r) => r.path)).toEqual(["/api/v6/providers"]);
  });
});

describe("a 2xx HTML page", () => {
  const emulator = startEmulatorForClientSuite();

  it("is not a successful settings PUT", async () => {
    emulator.control.addFault({ method: "PUT", path: "/api/v6/providers/shopify/settings", html: true });
    const error = await emulator
      .client()
      .putSettings("shopify", { auto_connect: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardResponseError);
    expect((error as Error).message).toMatch(
      /^PUT \/api\/v6\/providers\/shopify\/settings: answer 200 is an HTML page \(content-type text\/html; charset=utf-8\): "<!DOCTYPE html> <html><head><title>Service temporarily unavailable.{0,60}…"; not counted as a success/,
    );
  });

  it("is not a successful credentials PUT, and an echoed secret is redacted from its excerpt", async () => {
    // The excerpt is the page's start: a page that echoed the secret there must not show it.
    const error = await emulator
      .client({
        fetch: async () => htmlAnswer(`<html>you sent ${SECRET}</html>`, "text/html"),
      })
      .putCredentials("shopify", { client_id: "id-1", client_secret: SECRET })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('"<html>you sent [REDACTED]</html>"');
    expect((error as Error).message).not.toContain(SECRET);
  });

  it("redacts an echoed secret before cutting the excerpt, so a secret across the cut shows no part of it", async () => {
    const padding = "x".repeat(120 - "<html>".length - 8);
    const error = await emulator
      .client({
        fetch: async () => htmlAnswer(`<html>${padding}${SECRET}</html>`, "text/html"),
      })
      .putCredentials("shopify", { client_id: "id-1", client_secret: SECRET })
      .catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toContain("answer 200 is an HTML page");
    expect(message).not.toContain(SECRET.slice(0, 8));
  });

  it("without a content-type is recognised by its markup", async () => {
    const error = await emulator
      .client({
        fetch: async () => htmlAnswer("<!doctype html><html></html>"),
      })
      .setEnabled("shopify", true)
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain("answer 200 is an HTML page (no content-type)");
  });
});

describe("a huge answer", () => {
  const emulator = startEmulatorForClientSuite();

  it("fails cleanly once the cap is passed, without reading the rest", async () => {
    emulator.control.addFault({ method: "GET", path: "/api/v6/providers", hugeBytes: 8 * MAX_BODY_BYTES });
    const error = await emulator
      .client({ timeoutMs: 10_000 })
      .listProviders()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardResponseError);
    expect((error as Error).message).toBe(
      `GET /api/v6/providers: answer 200 is larger than ${MAX_BODY_BYTES} bytes and was not read ` +
        "(content-type application/json); not counted as a success: check that qard:apiUrl (baseUrl) is the Qard API",
    );
  });

  it("just under the cap is read", async () => {
    emulator.control.addFault({ method: "GET", path: "/api/v6/providers", hugeBytes: MAX_BODY_BYTES - 100 });
    const error = await emulator
      .client()
      .listProviders()
      .catch((e: unknown) => e);
    // Read and parsed (an array of strings is not a provider list), not refused for its size.
    expect((error as Error).message).toMatch(/^GET \/api\/v6\/providers: field `\[0\]` must be an object/);
  });
});
