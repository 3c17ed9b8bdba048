import { describe, expect, it } from "vitest";
import { classifyPreview } from "../../../workflows/stacks/drift-check/classify.ts";
import { renderMarkdown, renderText } from "../../../workflows/drift/report.ts";
import { reportOf } from "../../../workflows/stacks/drift-check/drift-report.ts";
import { refreshEvent } from "../../helpers/engine-events.ts";

/** Each resource a child of its account's component. */
const refresh = (name: string, before: Record<string, unknown>, live: Record<string, unknown>) =>
  refreshEvent(name, before, live, "qard:index:Account");

const inAccount = (account: string, enabled: boolean, fingerprint = "00ba74f236b73c19") => ({
  providerName: "company_legal_fr",
  account,
  accountFingerprint: fingerprint,
  enabled,
  settings: {},
});

describe("drift with several accounts", () => {
  const findings = classifyPreview([
    refresh("eu/company_legal_fr", inAccount("eu", true), inAccount("eu", false)),
    refresh("us/company_legal_fr", inAccount("us", true), inAccount("us", true)),
  ]);

  it("tags each finding with its account, and reports only the account that drifted", () => {
    expect(findings).toEqual([
      {
        kind: "drift",
        provider: "eu/company_legal_fr",
        account: "eu",
        property: "enabled",
        old: true,
        new: false,
      },
    ]);
  });

  it("a fingerprint recorded by a refresh is not drift", () => {
    expect(
      classifyPreview([
        refresh("us/company_legal_fr", inAccount("us", true, "a"), inAccount("us", true, "b")),
      ]),
    ).toEqual([]);
  });

  it("text and markdown reports group findings under their account", () => {
    const report = reportOf("prod", "drift", [
      ...findings,
      { kind: "config", provider: "us/shopify", account: "us", property: "(provider added)" },
    ]);
    expect(renderText(report)).toContain(
      [
        "  Account eu:",
        "    drift    eu/company_legal_fr  enabled: true → false (state → Qard)",
        "  Account us:",
        "    config   us/shopify  (provider added)",
      ].join("\n"),
    );
    const markdown = renderMarkdown(report);
    expect(markdown).toContain("#### Account ` eu `");
    expect(markdown.indexOf("#### Account ` eu `")).toBeLessThan(
      markdown.indexOf("| drift | ` eu/company_legal_fr ` |"),
    );
    expect(markdown.indexOf("#### Account ` us `")).toBeLessThan(
      markdown.indexOf("| config | ` us/shopify ` |"),
    );
  });
});
