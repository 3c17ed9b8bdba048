import { describe, expect, it } from "vitest";
import { errorKindOf } from "../../../../workflows/stacks/drift-check/error-kind.ts";
import { reportOf } from "../../../../workflows/stacks/drift-check/drift-report.ts";

// Pulumi CLI >= 3.226.1: 2 configuration, 3 authentication, 4 resource error, 7 changes; ours: 64 usage.
const PULUMI_AND_USAGE = [1, 2, 3, 4, 7, 64];

describe("drift exit codes do not contradict Pulumi's", () => {
  const finding = (kind: "drift" | "config" | "rotation") => ({ kind, provider: "p", property: "x" });
  it.each(["drift", "config", "rotation"] as const)("a %s finding has a code of its own", (kind) => {
    const code = reportOf("prod", kind, [finding(kind)]).exitCode;
    expect(PULUMI_AND_USAGE).not.toContain(code);
    expect(code).not.toBe(0);
  });

  it("the three finding codes differ from each other", () => {
    const codes = (["drift", "config", "rotation"] as const).map(
      (kind) => reportOf("prod", kind, [finding(kind)]).exitCode,
    );
    expect(new Set(codes).size).toBe(3);
  });

  it.each([
    ["authentication", 3],
    ["configuration", 2],
    ["resource", 4],
    ["other", 1],
  ] as const)("a check that failed on %s exits %i and says so in the report", (kind, code) => {
    const report = reportOf("prod", "error", [], "boom", kind);
    expect(report.exitCode).toBe(code);
    expect(JSON.parse(JSON.stringify(report))).toMatchObject({ status: "error", errorKind: kind });
  });

  it("a clean report carries no errorKind", () => {
    expect(reportOf("prod", "clean", [])).not.toHaveProperty("errorKind");
  });
});

describe("errorKindOf: what a failed check's reason means, in Pulumi's terms", () => {
  it.each([
    [
      "Qard refused the API key from qard:apiKey (401): check the Qard API key (qard:apiKey, qard:apiKeySecretId or QARD_API_KEY), then run the command again",
      false,
      "authentication",
    ],
    [
      "GET /providers: 503 Service Unavailable after 4 attempts: Qard did not answer in time: run the command again later",
      false,
      "resource",
    ],
    [
      'Qard provider "shopify": cannot reach Qard at http://127.0.0.1:9 (qard:apiUrl): GET /api/v6/providers: request timed out after 15000 ms (5 attempts)',
      false,
      "configuration",
    ],
    [
      'Qard provider "shopify": enabled failed: PUT /api/v6/providers/shopify failed with 502 Bad Gateway after 5 attempts. Already written: settings',
      false,
      "resource",
    ],
    ["GET /api/v6/providers on 127.0.0.1:503: 4 attempts", false, "other"],
    ["preview failed", true, "configuration"],
    [
      "the stack config is invalid:\n  qard:providers.shopify.enabled must be a boolean",
      false,
      "configuration",
    ],
    // A key Qard accepts, but for another account than the stack manages: the stack config is wrong.
    [
      'Qard account "eu": the key from qard:accounts.eu.apiKey now points at another Qard account (0123456789abcdef) than the one this stack manages as "eu" (fedcba9876543210); nothing was written.',
      false,
      "configuration",
    ],
    ["something else happened", false, "other"],
  ] as const)("%s → %s", (reason, policyViolated, kind) => {
    expect(errorKindOf(reason, policyViolated)).toBe(kind);
  });
});
