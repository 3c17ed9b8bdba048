import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/automation/project-root.ts";
import { POLICIES } from "../../policy/policies.ts";
import { weakenedRules } from "../../policy/weakened-rules.ts";

const RULES = [
  { name: "must", enforcementLevel: "mandatory" },
  { name: "should", enforcementLevel: "advisory" },
];

describe("weakenedRules: what a pack config lowers below the pack's own levels", () => {
  it("names a mandatory rule set to advisory or disabled, by name or in the object form", () => {
    expect(weakenedRules(RULES, { must: "disabled" })).toEqual([
      "must is mandatory in the pack but set to disabled by the config",
    ]);
    expect(
      weakenedRules(RULES, { must: { enforcementLevel: "advisory", productionStacks: ["prod"] } }),
    ).toEqual(["must is mandatory in the pack but set to advisory by the config"]);
  });

  it('names every rule "all" lowers, unless the rule is given its own level', () => {
    expect(weakenedRules(RULES, { all: "disabled" })).toEqual([
      "must is mandatory in the pack but set to disabled by the config",
      "should is advisory in the pack but set to disabled by the config",
    ]);
    expect(weakenedRules(RULES, { all: "disabled", must: "mandatory", should: "advisory" })).toEqual([]);
  });

  it("says nothing of a level kept or raised, or of options alone", () => {
    expect(weakenedRules(RULES, { must: "mandatory", should: "mandatory" })).toEqual([]);
    expect(weakenedRules(RULES, { must: { productionStacks: ["prod"] } })).toEqual([]);
  });

  it("names an unknown rule or level (a typo that would silently change nothing) and a config that is no object", () => {
    expect(weakenedRules(RULES, { mustt: "disabled", should: "off" })).toEqual([
      '"mustt" is not a rule of the pack',
      'should: enforcement level "off" is not one the engine knows',
    ]);
    expect(weakenedRules(RULES, ["must"])).toEqual(["the policy pack config is not a JSON object"]);
  });

  it("finds nothing weakened in the pipelines' own config, which names every rule of the pack", () => {
    const file = path.join(projectRoot(), "policy", "pipeline-config.json");
    const config = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    expect(weakenedRules(POLICIES, config)).toEqual([]);
    expect(Object.keys(config).sort()).toEqual(POLICIES.map((rule) => rule.name).sort());
  });
});
