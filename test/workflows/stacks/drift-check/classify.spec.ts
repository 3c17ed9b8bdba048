import { describe, expect, it } from "vitest";
import {
  classifyPreview,
  statusOf,
  type Finding,
} from "../../../../workflows/stacks/drift-check/classify.ts";
import { renderJson, renderMarkdown, renderText } from "../../../../workflows/drift/report.ts";
import { reportOf } from "../../../../workflows/stacks/drift-check/drift-report.ts";
import { parseDriftArgs } from "../../../../workflows/drift/args.ts";
import {
  refreshEvent as refresh,
  resourceEvent,
  updateEvent as update,
} from "../../../helpers/engine-events.ts";

const shopify = {
  providerName: "shopify",
  enabled: true,
  settings: { auto_connect: true },
  __provider: "exports.handler = …",
};

describe("classifyPreview", () => {
  it("finds nothing when the refresh read the state back and nothing is to update", () => {
    expect(
      classifyPreview([
        refresh("shopify", shopify, shopify),
        resourceEvent({ kind: "resourcePreEvent", op: "same", name: "shopify", old: shopify, new: shopify }),
      ]),
    ).toEqual([]);
  });

  it("reports drift once, not again as the update that restores it", () => {
    const live = { ...shopify, enabled: false };
    const findings = classifyPreview([refresh("shopify", shopify, live), update("shopify", live, shopify)]);
    expect(findings).toEqual([
      { kind: "drift", provider: "shopify", property: "enabled", old: true, new: false },
    ]);
  });

  it("reports a config change per setting", () => {
    const desired = { ...shopify, settings: { auto_connect: false } };
    expect(
      classifyPreview([refresh("shopify", shopify, shopify), update("shopify", shopify, desired)]),
    ).toEqual([
      { kind: "config", provider: "shopify", property: "settings.auto_connect", old: true, new: false },
    ]);
  });

  it("reports a new secret version as rotation, a new secret as config", () => {
    const ref = { ...shopify, credentialsRef: { secretId: "qard/prod/shopify" }, credentialsVersionId: "v1" };
    const rotated = classifyPreview([update("shopify", ref, { ...ref, credentialsVersionId: "v2" })]);
    expect(rotated).toEqual([
      { kind: "rotation", provider: "shopify", property: "credentialsVersionId", old: "v1", new: "v2" },
    ]);
    const moved = classifyPreview([
      update("shopify", ref, { ...ref, credentialsRef: { secretId: "other" }, credentialsVersionId: "v9" }),
    ]);
    expect(moved.map((f) => f.kind)).toEqual(["config", "config"]);
  });

  it("never reports credential values", () => {
    const findings = classifyPreview([
      update(
        "shopify",
        { ...shopify, credentials: { client_secret: "a" } },
        { ...shopify, credentials: { client_secret: "b" } },
      ),
    ]);
    expect(findings).toEqual([
      { kind: "config", provider: "shopify", property: "credentials", old: "[secret]", new: "[secret]" },
    ]);
  });

  // Found by the soak and test/properties/drift-classify.properties.spec.ts: the engine's events show a
  // secret as "[secret]" on both sides, so a new credential value (by value) compared equal and the
  // drift check said "clean" while `pulumi up` had an update to make.
  it("reports a planned update whose only difference is hidden in a secret as a config change", () => {
    const masked = { ...shopify, credentials: "[secret]" };
    expect(classifyPreview([refresh("shopify", masked, masked), update("shopify", masked, masked)])).toEqual([
      { kind: "config", provider: "shopify", property: "credentials", old: "[secret]", new: "[secret]" },
    ]);
  });

  it("reports added and removed providers, and ignores the default provider and the stack", () => {
    const findings = classifyPreview([
      resourceEvent({
        kind: "resourcePreEvent",
        op: "create",
        name: "paypal",
        new: { providerName: "paypal" },
      }),
      resourceEvent({
        kind: "resourcePreEvent",
        op: "delete",
        name: "square",
        old: { providerName: "square" },
      }),
      resourceEvent({
        kind: "resourcePreEvent",
        op: "update",
        name: "default",
        type: "pulumi:providers:pulumi-nodejs",
        old: { a: 1 },
        new: { a: 2 },
      }),
      resourceEvent({
        kind: "resourcePreEvent",
        op: "update",
        name: "qard-iac-prod",
        type: "pulumi:pulumi:Stack",
        old: { a: 1 },
        new: { a: 2 },
      }),
    ]);
    expect(findings).toEqual([
      { kind: "config", provider: "paypal", property: "(provider added)" },
      { kind: "config", provider: "square", property: "(provider removed)" },
    ]);
  });
});

describe("statusOf and exit codes", () => {
  const f = (kind: Finding["kind"]): Finding => ({ kind, provider: "p", property: "x" });
  it.each([
    [[], "clean", 0],
    [[f("drift")], "drift", 10],
    [[f("drift"), f("config")], "config", 11],
    [[f("config"), f("rotation"), f("drift")], "rotation", 12],
  ] as const)("%j → %s (exit %i)", (findings, status, code) => {
    expect(statusOf(findings)).toBe(status);
    expect(reportOf("prod", statusOf(findings), [...findings]).exitCode).toBe(code);
  });
  it("an error exits 1", () => expect(reportOf("prod", "error", [], "boom").exitCode).toBe(1));
});

describe("renderers", () => {
  const report = reportOf("prod", "drift", [
    { kind: "drift", provider: "shopify", property: "enabled", old: true, new: false },
  ]);
  it("text names the provider, property and both values", () => {
    expect(renderText(report)).toContain("drift    shopify  enabled: true → false (state → Qard)");
  });
  it("markdown is a table for a CI job summary", () => {
    expect(renderMarkdown(report)).toContain("| drift | ` shopify ` | ` enabled ` | ` true ` | ` false ` |");
  });
  it("says which command repairs each kind when drift and a rotation are found together", () => {
    const both = reportOf("prod", "rotation", [
      { kind: "drift", provider: "shopify", property: "enabled", old: true, new: false },
      { kind: "rotation", provider: "paypal", property: "credentialsVersionId", old: "v1", new: "v2" },
    ]);
    for (const text of [renderText(both), renderMarkdown(both)]) {
      expect(text).toMatch(/drift: `pulumi up --refresh` puts Qard back/);
      expect(text).toMatch(/rotation: `pulumi up` sends the new secret version/);
    }
  });
  it("json round-trips", () => {
    expect(JSON.parse(renderJson(report))).toEqual(report);
  });
});

describe("parseDriftArgs", () => {
  it("needs --stack and one format at most", () => {
    expect(parseDriftArgs(["--stack", "prod", "--markdown"])).toMatchObject({
      stack: "prod",
      format: "markdown",
      remediate: false,
    });
    expect(parseDriftArgs(["--stack", "p", "--remediate", "--record", "r"])).toMatchObject({
      remediate: true,
      record: "r",
    });
    expect(() => parseDriftArgs(["--stack", "p", "--record", "r"])).toThrow(/--record needs --remediate/);
    expect(() => parseDriftArgs([])).toThrow(/--stack is required/);
    expect(() => parseDriftArgs(["--stack", "p", "--json", "--markdown"])).toThrow(/exclude each other/);
    expect(() => parseDriftArgs(["--stak", "p"])).toThrow(/Usage: npm run drift/);
  });
});
