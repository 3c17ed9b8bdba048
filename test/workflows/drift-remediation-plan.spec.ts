import { describe, expect, it } from "vitest";
import type { Finding } from "../../workflows/drift/classify.ts";
import { parseRemediationAllowance, planRemediation } from "../../workflows/drift/remediation-plan.ts";

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
  it.each([["credentials"], ["disable"], "enabled"])("refuses %j naming the key", (value) => {
    expect(() => parseRemediationAllowance(value)).toThrow(/qard:driftRemediation/);
  });
});
