import { describe, expect, it } from "vitest";
import type { Finding } from "../../workflows/drift/classify.ts";
import { planRemediation, type RemediableClass } from "../../workflows/drift/plan-remediation.ts";
import { remediationAllowanceOf } from "../../workflows/drift/remediation-allowance.ts";

const drift = (provider: string, property: string, old: unknown, now: unknown): Finding => ({
  kind: "drift",
  provider,
  property,
  old,
  new: now,
});
const allow = (...classes: RemediableClass[]) => new Set(classes);

describe("planRemediation", () => {
  const disabledOutOfBand = drift("company_legal_fr", "enabled", true, false);
  const settingFlipped = drift("shopify", "settings.auto_connect", true, false);

  it("repairs only the classes the stack allows", () => {
    const plan = planRemediation([disabledOutOfBand, settingFlipped], allow("enabled"));
    expect([...plan.repair.keys()]).toEqual(["company_legal_fr"]);
    expect(plan.left).toEqual([
      { finding: settingFlipped, reason: "qard:driftRemediation does not allow settings" },
    ]);
    expect([
      ...planRemediation([disabledOutOfBand, settingFlipped], allow("enabled", "settings")).repair.keys(),
    ]).toEqual(["company_legal_fr", "shopify"]);
    expect(planRemediation([disabledOutOfBand], allow()).repair.size).toBe(0);
  });

  it("never disables, never touches credentials, never applies config or rotation", () => {
    const enabledOutOfBand = drift("paypal", "enabled", false, true);
    const credentials = drift("stripe", "credentials", "[secret]", "[secret]");
    const config: Finding = { kind: "config", provider: "a", property: "settings.x", old: true, new: false };
    const rotation: Finding = { kind: "rotation", provider: "b", property: "credentialsVersionId" };
    const plan = planRemediation(
      [enabledOutOfBand, credentials, config, rotation],
      allow("enabled", "settings"),
    );
    expect(plan.repair.size).toBe(0);
    expect(plan.left.map((entry) => entry.reason)).toEqual([
      "disabling a provider is never remediated",
      "credentials is never remediated",
      "a config finding is applied by a reviewed `pulumi up`",
      "a rotation finding is applied by a reviewed `pulumi up`",
    ]);
  });

  it("leaves a whole provider when one of its findings may not be repaired (an up applies them all)", () => {
    const pending: Finding = { kind: "config", provider: "shopify", property: "settings.x", old: 1, new: 2 };
    const plan = planRemediation([settingFlipped, pending], allow("settings"));
    expect(plan.repair.size).toBe(0);
    expect(plan.left[0]?.reason).toBe(
      "another finding of shopify: a config finding is applied by a reviewed `pulumi up`",
    );
  });
});

describe("qard:driftRemediation", () => {
  it("is a list of enabled and settings; absent allows nothing", () => {
    expect(remediationAllowanceOf(undefined, "Pulumi.prod.yaml")).toEqual(new Set());
    expect(remediationAllowanceOf(["settings", "enabled"], "Pulumi.prod.yaml")).toEqual(
      allow("settings", "enabled"),
    );
  });

  it("refuses anything else, naming the key and what it takes", () => {
    for (const bad of [["credentials"], "enabled", [true], { enabled: true }]) {
      expect(() => remediationAllowanceOf(bad, "Pulumi.prod.yaml")).toThrow(
        /Pulumi\.prod\.yaml: qard:driftRemediation must be a list of enabled, settings \(credentials and disabling are never remediated\)/,
      );
    }
  });
});
