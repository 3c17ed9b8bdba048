import { describe, expect, it } from "vitest";
import {
  QardApiError,
  QardAuthError,
  QardNetworkError,
  QardNotFoundError,
  QardRateLimitError,
  QardResponseError,
} from "../../providers/src/qard/errors.ts";
import { MissingApiKeyError } from "../../providers/src/resource/connection.ts";
import { classifyLookupFailure } from "../../providers/src/resource/lookup-failure.ts";
import { SecretSourceError } from "../../providers/src/secrets/secret-source-error.ts";

const settings = {
  baseUrl: "https://qard.example",
  apiUrlSetting: "qard:apiUrl",
  apiKeySetting: "qard:apiKey",
};
const answer = (status: number) => ({
  method: "GET",
  path: "/api/v6/providers",
  status,
  statusText: "",
  attempts: 1,
});

describe("classifyLookupFailure: what a failed preview-time lookup means", () => {
  it("skips the lookup for a run without a usable key, and for Qard being briefly unwell", () => {
    expect(classifyLookupFailure(new MissingApiKeyError(), undefined)).toEqual({ kind: "skip" });
    expect(
      classifyLookupFailure(new SecretSourceError("qard/dev/api-key", "AccessDenied"), undefined),
    ).toEqual({ kind: "skip" });
    expect(classifyLookupFailure(new QardApiError(answer(503)), settings)).toEqual({ kind: "skip" });
    expect(classifyLookupFailure(new QardRateLimitError(answer(429)), settings)).toEqual({ kind: "skip" });
  });

  it.each([
    [new QardAuthError(answer(401)), /refused the API key from qard:apiKey .*401/],
    [new QardAuthError(answer(403)), /refused the API key from qard:apiKey .*403/],
    [
      new QardNetworkError({ ...answer(0), kind: "refused", description: "connection refused" }),
      /cannot reach Qard at https:\/\/qard\.example \(qard:apiUrl\)/,
    ],
    [
      new QardNotFoundError(answer(404)),
      /qard:apiUrl \(https:\/\/qard\.example\) does not point at the Qard API/,
    ],
    [
      new QardResponseError("GET", "/api/v6/providers", "answered HTML"),
      /qard:apiUrl \(https:\/\/qard\.example\) does not answer like the Qard API/,
    ],
  ])("fails on %s, naming the setting", (error, reason) => {
    const outcome = classifyLookupFailure(error, settings);
    expect(outcome.kind).toBe("fail");
    expect(outcome.kind === "fail" && outcome.reason).toMatch(reason);
  });

  it("fails on anything else (a contradiction in the stack's own config), with its message", () => {
    expect(classifyLookupFailure(new Error("both qard:apiKey and qard:apiKeySecretId"), undefined)).toEqual({
      kind: "fail",
      reason: "both qard:apiKey and qard:apiKeySecretId",
    });
  });
});
