import { describe, expect, it } from "vitest";
import { weakenedRules } from "../../../workflows/policy-config/weakened-rules.ts";

const DEFAULTS = new Map([
  ["qard-secrets-by-reference", "mandatory"],
  ["qard-production-setting-change", "advisory"],
] as const);

describe("weakenedRules: a pack config that weakens a mandatory rule is named", () => {
  it("names a mandatory rule set to disabled, in either spelling", () => {
    expect(weakenedRules(DEFAULTS, { "qard-secrets-by-reference": "disabled" })).toEqual([
      { rule: "qard-secrets-by-reference", level: "disabled" },
    ]);
    expect(
      weakenedRules(DEFAULTS, { "qard-secrets-by-reference": { enforcementLevel: "advisory" } }),
    ).toEqual([{ rule: "qard-secrets-by-reference", level: "advisory" }]);
  });
  it("counts `all` against every mandatory rule", () => {
    expect(weakenedRules(DEFAULTS, { all: "disabled" })).toEqual([
      { rule: "qard-secrets-by-reference", level: "disabled" },
    ]);
  });
  it("says nothing of an advisory rule turned off, a stronger level, or options", () => {
    expect(
      weakenedRules(DEFAULTS, {
        "qard-production-setting-change": "disabled",
        "qard-secrets-by-reference": { enforcementLevel: "mandatory", productionStacks: ["live-*"] },
      }),
    ).toEqual([]);
  });
});
