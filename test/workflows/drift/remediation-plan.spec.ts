import { describe, expect, it } from "vitest";
import type { Finding } from "../../../workflows/stacks/drift-check/classify.ts";
import {
  parseRemediationAllowance,
  planRemediation,
  remediationTargets,
} from "../../../workflows/drift/remediation-plan.ts";
import { RemediationAllowanceError } from "../../../workflows/drift/remediation-allowance-error.ts";

const reEnable: Finding = { kind: "drift", provider: "shopify", property: "enabled", old: true, new: false };
const disable: Finding = { kind: "drift", provider: "paypal", property: "enabled", old: false, new: true };
const setting: Finding = {
  kind: "drift",
  provider: "company_legal_fr",
  property: "settings.auto_connect",
  old: true,
  new: false,
};
const credentials: Finding = {
  kind: "drift",
  provider: "square",
  property: "credentials",
  old: "[secret]",
  new: "[secret]",
};
const ALL = [reEnable, disable, setting, credentials];

describe("planRemediation: only what the stack allows, never credentials or disabling", () => {
  it.each([
    [[], []],
    [["enabled"], ["shopify"]],
    [["settings"], ["company_legal_fr"]],
    [
      ["enabled", "settings"],
      ["shopify", "company_legal_fr"],
    ],
  ] as const)("allowance %j repairs %j", (allowed, providers) => {
    const plan = planRemediation(ALL, allowed);
    expect(plan.providers).toEqual(providers);
    expect(plan.leave).toEqual(expect.arrayContaining([disable, credentials]));
    expect([...plan.repair, ...plan.leave]).toHaveLength(ALL.length);
  });

  it("leaves a provider whole when one of its findings is not repairable", () => {
    const rotation: Finding = { kind: "rotation", provider: "shopify", property: "credentialsVersionId" };
    const plan = planRemediation([reEnable, rotation], ["enabled", "settings"]);
    expect(plan.providers).toEqual([]);
    expect(plan.leave).toEqual([reEnable, rotation]);
  });
});

describe("parseRemediationAllowance", () => {
  it("accepts enabled and settings, absent means none", () => {
    expect(parseRemediationAllowance(undefined)).toEqual([]);
    expect(parseRemediationAllowance(["settings", "enabled", "settings"])).toEqual(["settings", "enabled"]);
  });
  it.each([["credentials"], ["disable"], "enabled"])(
    "refuses %j naming the key and what it accepts, as a configuration error",
    (value) => {
      expect(() => parseRemediationAllowance(value)).toThrow(RemediationAllowanceError);
      expect(() => parseRemediationAllowance(value)).toThrow(/qard:driftRemediation .*enabled, settings/);
    },
  );
});

describe("remediationTargets: the planned providers' resources in the state the check read", () => {
  const qard = (name: string) => ({
    urn: `urn:pulumi:prod::qard-iac::pulumi-nodejs:dynamic/qard:ProviderConfig::${name}`,
    type: "pulumi-nodejs:dynamic/qard:ProviderConfig",
  });
  const state = {
    version: 3,
    deployment: {
      resources: [
        { urn: "urn:pulumi:prod::qard-iac::pulumi:pulumi:Stack::qard-iac-prod", type: "pulumi:pulumi:Stack" },
        {
          urn: "urn:pulumi:prod::qard-iac::pulumi:providers:pulumi-nodejs::default",
          type: "pulumi:providers:pulumi-nodejs",
        },
        qard("shopify"),
        qard("company_legal_fr"),
        qard("paypal"),
      ],
      pending_operations: [{ type: "updating", resource: qard("shopify") }],
    },
  };

  it("names each planned provider's Qard resource once, and nothing else", () => {
    expect(remediationTargets(state, ["shopify", "company_legal_fr"])).toEqual([
      qard("shopify").urn,
      qard("company_legal_fr").urn,
    ]);
    expect(remediationTargets(state, ["default", "qard-iac-prod"])).toEqual([]);
  });

  it("names nothing for a state without resources", () => {
    expect(remediationTargets({ version: 3, deployment: {} }, ["shopify"])).toEqual([]);
    expect(remediationTargets({ version: 3 } as never, ["shopify"])).toEqual([]);
  });
});
