// Found by the soak (test/soak): a write Qard refused (a 422) failed with "Nothing was written to Qard
// for it." and no word on what to do next. Every failed write now ends with the next step, by cause.
import { describe, expect, it } from "vitest";
import {
  QardApiError,
  QardAuthError,
  QardNetworkError,
  QardRedirectError,
  QardResponseError,
} from "../../providers/src/qard/index.ts";
import { nextStepAfter } from "../../providers/src/resource/next-step.ts";

const call = { method: "PUT", path: "/api/v6/providers/shopify/credentials", attempts: 1 };
const api = (status: number) => new QardApiError({ ...call, status, statusText: "" });

describe("the next step after a failed write", () => {
  it("for a refusal (4xx): check the provider's config, then up again", () => {
    expect(nextStepAfter(api(422))).toBe(
      "check this provider's settings and credentials in the stack config, then run `pulumi up` again",
    );
  });

  it("for a key Qard does not accept: check the key", () => {
    expect(nextStepAfter(new QardAuthError({ ...call, status: 401, statusText: "" }))).toMatch(
      /^check the Qard API key \(qard:apiKey, qard:apiKeySecretId or QARD_API_KEY\)/,
    );
  });

  it("for a transient failure that outlasted the retries: run up again later", () => {
    expect(nextStepAfter(api(503))).toBe("Qard did not answer in time: run `pulumi up` again later");
    expect(nextStepAfter(new QardNetworkError({ ...call, kind: "reset", description: "reset" }))).toBe(
      "Qard did not answer in time: run `pulumi up` again later",
    );
  });

  it("for an answer that is not Qard's: check qard:apiUrl", () => {
    const redirect = new QardRedirectError({ ...call, status: 307, targetOrigin: "https://x.invalid" });
    expect(nextStepAfter(redirect)).toMatch(/^check that qard:apiUrl is the Qard API/);
    expect(nextStepAfter(new QardResponseError("PUT", call.path, "an HTML page"))).toMatch(/qard:apiUrl/);
  });

  it("otherwise: fix the cause above, then up again", () => {
    expect(nextStepAfter(new Error("x"))).toBe("fix the cause above, then run `pulumi up` again");
  });

  // Found by the soak: a refresh whose provider list read failed after every retry said only what failed.
  it("after a read names the command to run again, not `pulumi up`", () => {
    expect(nextStepAfter(api(503), "the command")).toBe(
      "Qard did not answer in time: run the command again later",
    );
  });
});
