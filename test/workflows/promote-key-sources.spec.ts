import { describe, expect, it } from "vitest";
import { keySourceProblems } from "../../workflows/promote/key-sources.ts";
import { renderPromotion } from "../../workflows/promote/report.ts";
import { renderPromotionMarkdown } from "../../workflows/promote/markdown.ts";

describe("keySourceProblems (each stack reaches Qard with its own key)", () => {
  it("accepts stacks that each name their own secret, or hold their own qard:apiKey", () => {
    expect(
      keySourceProblems(
        {
          staging: { apiKey: false, apiKeySecretId: "qard/staging/api-key" },
          prod: { apiKey: false, apiKeySecretId: "qard/prod/api-key" },
        },
        false,
      ),
    ).toEqual([]);
    expect(keySourceProblems({ staging: { apiKey: true }, prod: { apiKey: true } }, true)).toEqual([]);
  });

  it("refuses a stack that names no key: the QARD_API_KEY fallback would serve both", () => {
    expect(
      keySourceProblems({ staging: { apiKey: false }, prod: { apiKey: false, apiKeySecretId: "p" } }, false),
    ).toEqual([
      "staging names no Qard key of its own: set qard:apiKeySecretId (or qard:apiKey) in Pulumi.staging.yaml; the QARD_API_KEY fallback would serve every stack alike",
    ]);
  });

  it("refuses two stacks reading the same secret", () => {
    expect(
      keySourceProblems(
        {
          staging: { apiKey: false, apiKeySecretId: "qard/key" },
          prod: { apiKey: false, apiKeySecretId: "qard/key" },
        },
        false,
      ),
    ).toEqual(['staging and prod read their Qard key from the same secret "qard/key": give each its own']);
  });

  it("refuses QARD_API_KEY in the environment when it could stand in for a stack's secret", () => {
    expect(
      keySourceProblems({ staging: { apiKey: false, apiKeySecretId: "s" }, prod: { apiKey: true } }, true),
    ).toEqual([
      "QARD_API_KEY is set and could stand in for staging's own key (qard:apiKeySecretId): unset it for a promotion",
    ]);
  });

  it("a promotion refused for its keys shows the reasons only, not a settings comparison never made", () => {
    const report = {
      from: "staging",
      to: "prod",
      refusals: ["staging names no Qard key of its own"],
      changes: [],
      result: {},
      fileWritten: false,
      applied: false,
    };
    expect(renderPromotion(report)).toBe(
      "Promotion staging → prod\n  Refused, nothing written:\n    - staging names no Qard key of its own",
    );
    expect(renderPromotionMarkdown(report)).not.toContain("No setting differs");
    expect(renderPromotionMarkdown(report)).toContain("- staging names no Qard key of its own");
  });
});
