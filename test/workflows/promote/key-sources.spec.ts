import { describe, expect, it } from "vitest";
import { keySourceProblems } from "../../../workflows/promote/key-sources.ts";
import { renderPromotion } from "../../../workflows/promote/report.ts";
import { renderPromotionMarkdown } from "../../../workflows/promote/markdown.ts";

describe("keySourceProblems (each stack reaches Qard with its own key)", () => {
  it("accepts stacks that each name their own secret, or hold their own qard:apiKey", () => {
    expect(
      keySourceProblems({
        staging: { apiKey: false, apiKeySecretId: "qard/staging/api-key" },
        prod: { apiKey: false, apiKeySecretId: "qard/prod/api-key" },
      }),
    ).toEqual([]);
    expect(keySourceProblems({ staging: { apiKey: true }, prod: { apiKey: true } })).toEqual([]);
  });

  it("refuses a stack that names no key: the QARD_API_KEY fallback would serve both", () => {
    expect(
      keySourceProblems({ staging: { apiKey: false }, prod: { apiKey: false, apiKeySecretId: "p" } }),
    ).toEqual([
      "staging names no Qard key of its own: set qard:apiKeySecretId (or qard:apiKey) in Pulumi.staging.yaml; the QARD_API_KEY fallback would serve every stack alike",
    ]);
  });

  it("refuses two stacks reading the same secret", () => {
    expect(
      keySourceProblems({
        staging: { apiKey: false, apiKeySecretId: "qard/key" },
        prod: { apiKey: false, apiKeySecretId: "qard/key" },
      }),
    ).toEqual(['staging and prod read their Qard key from the same secret "qard/key": give each its own']);
  });

  it("accepts a stack whose own secret wins over QARD_API_KEY (the runtime's rule)", () => {
    expect(
      keySourceProblems({
        staging: { apiKey: false, apiKeySecretId: "qard/staging/api-key" },
        prod: { apiKey: true },
      }),
    ).toEqual([]);
  });

  it("refuses a stack that sets both qard:apiKey and qard:apiKeySecretId, as the runtime does", () => {
    expect(
      keySourceProblems({
        staging: { apiKey: true, apiKeySecretId: "qard/staging/api-key" },
        prod: { apiKey: false, apiKeySecretId: "qard/prod/api-key" },
      }),
    ).toEqual([
      "staging: The stack sets both qard:apiKey and qard:apiKeySecretId: keep one (`pulumi config rm qard:apiKey` or `pulumi config rm qard:apiKeySecretId`) (in Pulumi.staging.yaml)",
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
