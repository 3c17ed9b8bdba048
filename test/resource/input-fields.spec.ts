import { describe, expect, it } from "vitest";
import { FIELD_RULES } from "../../providers/src/resource/input-fields.ts";

const reasonOf = (field: keyof typeof FIELD_RULES, value: unknown) => {
  const result = FIELD_RULES[field](value);
  return result.ok ? undefined : result.reason;
};

describe("the rules of the resource's input properties", () => {
  it("accepts Qard's technical provider names and refuses anything else", () => {
    for (const name of ["shopify", "sandbox_public", "company-legal-fr", "p2"]) {
      expect(reasonOf("providerName", name)).toBeUndefined();
    }
    for (const name of ["Shopify", "_x", "", "shop ify", 3]) {
      expect(reasonOf("providerName", name)).toMatch(/technical name/);
    }
  });

  it("lists every bad credential key at once and never quotes a value", () => {
    const reason = reasonOf("credentials", {
      client_id: "  ",
      client_secret: 42,
      is_sandbox: true,
      ok: "credential-canary",
    });
    expect(reason).toBe(
      "client_id: must not be empty or whitespace; client_secret: must be a string or a boolean",
    );
    expect(reasonOf("credentials", ["a"])).toMatch(/must be an object/);
    expect(reasonOf("credentials", { client_id: "x", flag: false })).toBeUndefined();
  });

  it("takes a Secrets Manager reference with a secret id, refusing unknown keys and empty options", () => {
    expect(
      reasonOf("credentialsRef", { secretId: "qard/prod/shopify", region: "eu-west-3" }),
    ).toBeUndefined();
    expect(reasonOf("credentialsRef", { secretId: "", versionStage: "", colour: 1 })).toBe(
      'unknown key "colour" (accepted: secretId, region, versionStage); ' +
        "secretId: must name a Secrets Manager secret (name or ARN); " +
        "versionStage: must be a non-empty string when given",
    );
  });

  it("takes settings as booleans only, and the flags and version in their own types", () => {
    expect(reasonOf("settings", { auto_connect: true })).toBeUndefined();
    expect(reasonOf("settings", { auto_connect: "yes" })).toBe(
      "auto_connect: every setting must be a boolean",
    );
    expect(reasonOf("enabled", "true")).toBe("must be a boolean");
    expect(reasonOf("adoptExisting", false)).toBeUndefined();
    expect(reasonOf("schemaVersion", 2)).toBeUndefined();
    expect(reasonOf("schemaVersion", 1.5)).toMatch(/positive whole number/);
  });
});
