import { describe, expect, it } from "vitest";
import { choosePolicy, policyPackDir, policyViolationLines } from "../../infra/automation/policy-pack.ts";

describe("choosePolicy", () => {
  it("enforces the pack by default, and leaves the command line as it was", () => {
    const warnings: string[] = [];
    const choice = choosePolicy(["--stack", "prod"], (message) => warnings.push(message));
    expect(choice).toEqual({ argv: ["--stack", "prod"], policyPacks: [policyPackDir()] });
    expect(warnings).toEqual([]);
  });

  it("--no-policy turns it off with a warning, and is removed before the command's own parser", () => {
    const warnings: string[] = [];
    const choice = choosePolicy(["--stack", "prod", "--no-policy"], (message) => warnings.push(message));
    expect(choice).toEqual({ argv: ["--stack", "prod"], policyPacks: [] });
    expect(warnings).toEqual([
      "warning: --no-policy: the Qard policy pack (policy/) is not enforced for this run; pipelines must not use this flag.",
    ]);
  });
});

describe("policyViolationLines", () => {
  it("gives one line per violation: policy, level, resource and the violation's own message", () => {
    const lines = policyViolationLines([
      { sequence: 1, timestamp: 0, stdoutEvent: { message: "x", color: "never" } },
      {
        sequence: 2,
        timestamp: 0,
        policyEvent: {
          resourceUrn: "urn:pulumi:prod::qard-iac::pulumi-nodejs:dynamic/qard:ProviderConfig::shopify",
          message: "Production stacks take credentials by reference.\nshopify: gives credentials by value.",
          color: "never",
          policyName: "qard-secrets-by-reference",
          policyPackName: "qard-guardrails",
          policyPackVersion: "0.1.0",
          policyPackVersionTag: "0.1.0",
          enforcementLevel: "mandatory",
        },
      },
    ]);
    expect(lines).toEqual([
      "policy qard-secrets-by-reference [mandatory] (shopify): shopify: gives credentials by value.",
    ]);
  });
});
