import type { ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { withNeutralizedReports } from "../../policy/neutralized-reports.ts";
import { settingChangeMessage } from "../../policy/rules/production-setting-change.ts";
import { outputSafetyProblems } from "../helpers/output-safety.ts";

describe("the pack's violation messages", () => {
  it("are neutralised as they are reported, whatever a rule quotes", async () => {
    const hostile = settingChangeMessage(
      "acme_pay",
      { key: "\u001b]8;;https://evil.example\u0007x\u001b]8;;\u0007\n::error::pwned", from: true, to: false },
      "prod",
    );
    const validate: ResourceValidation = (_args, report) => report(hostile);
    const policy = withNeutralizedReports({
      name: "test",
      description: "test",
      enforcementLevel: "advisory",
      validateResource: [validate, validate],
    });
    const reported: string[] = [];
    const validations = policy.validateResource as ResourceValidation[];
    for (const run of validations) {
      await run({} as ResourceValidationArgs, (message) => reported.push(message));
    }
    expect(reported).toHaveLength(2);
    for (const message of reported) {
      expect(outputSafetyProblems(message)).toEqual([]);
      expect(message).toContain("\\u001b]8;;https://evil.example");
    }
    expect(outputSafetyProblems(hostile)).not.toEqual([]);
  });
});
