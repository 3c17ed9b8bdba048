import path from "node:path";
import { describe, expect, it } from "vitest";
import { choosePolicy, policyPackDir, policyViolationLines } from "../../../workflows/stacks/policy-pack.ts";

describe("choosePolicy", () => {
  it("enforces the pack by default, and leaves the command line as it was", () => {
    const warnings: string[] = [];
    const choice = choosePolicy(["--stack", "prod"], (message) => warnings.push(message));
    expect(choice).toEqual({
      argv: ["--stack", "prod"],
      options: { policyPacks: [policyPackDir()], policyPackConfigs: [] },
    });
    expect(warnings).toEqual([]);
  });

  it("--no-policy turns it off with a warning, and is removed before the command's own parser", () => {
    const warnings: string[] = [];
    const choice = choosePolicy(["--stack", "prod", "--no-policy"], (message) => warnings.push(message));
    expect(choice).toEqual({
      argv: ["--stack", "prod"],
      options: { policyPacks: [], policyPackConfigs: [] },
    });
    expect(warnings).toEqual([
      "warning: --no-policy: the Qard policy pack (policy/) is not enforced for this run; pipelines must not use this flag.",
    ]);
  });

  it("--policy-config <file> passes pack config files, resolved from the working directory", () => {
    const choice = choosePolicy(["--policy-config", "a.json", "--stack", "prod", "--policy-config=b.json"]);
    expect(choice.argv).toEqual(["--stack", "prod"]);
    expect(choice.options.policyPackConfigs).toEqual([path.resolve("a.json"), path.resolve("b.json")]);
  });

  it("refuses --policy-config without a file, and with --no-policy", () => {
    expect(() => choosePolicy(["--stack", "prod", "--policy-config"])).toThrow(
      "--policy-config needs a file: --policy-config <pack-config.json>",
    );
    expect(() => choosePolicy(["--policy-config", "--stack"])).toThrow("--policy-config needs a file");
    expect(() => choosePolicy(["--no-policy", "--policy-config", "a.json"])).toThrow(
      "--no-policy and --policy-config exclude each other: keep one",
    );
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
