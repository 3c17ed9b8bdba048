import { describe, expect, it } from "vitest";
import { checkInputs, UNKNOWN } from "../../providers/src/resource/check-inputs.ts";

describe("checkInputs", () => {
  it("applies defaults only where a value is absent", () => {
    const { inputs, failures } = checkInputs({ providerName: "company_legal_fr" });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      providerName: "company_legal_fr",
      settings: {},
      enabled: true,
      schemaVersion: 1,
    });
    expect(checkInputs({ providerName: "company_legal_fr", enabled: false }).inputs.enabled).toBe(false);
  });

  it("reports every bad property at once, each with its reason", () => {
    const { failures } = checkInputs({
      providerName: "Shop ify",
      settings: { auto_connect: "yes" },
      enabled: "true",
      colour: "blue",
    });
    expect(failures.map((f) => f.property).sort()).toEqual(["colour", "enabled", "providerName", "settings"]);
    expect(failures.find((f) => f.property === "settings")?.reason).toMatch(
      /auto_connect: every setting must be a boolean/,
    );
    expect(failures.find((f) => f.property === "colour")?.reason).toMatch(/is not a property/);
  });

  it("requires providerName", () => {
    expect(checkInputs({}).failures).toContainEqual({ property: "providerName", reason: "is required" });
  });

  it("rejects credentials given both by value and by reference", () => {
    const { failures } = checkInputs({
      providerName: "shopify",
      credentials: { client_id: "a", client_secret: "b" },
      credentialsRef: { secretId: "qard/x" },
    });
    expect(failures).toContainEqual({ property: "credentials", reason: expect.stringMatching(/not both/) });
  });

  it("checks a documented provider's credential keys and types without quoting values", () => {
    const { failures } = checkInputs({
      providerName: "paypal",
      credentials: { is_sandbox: "false", client_id: "id", clientSecret: "value-canary" },
    });
    const reason = failures.find((f) => f.property === "credentials")?.reason ?? "";
    expect(reason).toContain('missing key "client_secret"');
    expect(reason).toContain('unexpected key "clientSecret"');
    expect(reason).toContain('key "is_sandbox" must be a boolean');
    expect(reason).not.toContain("value-canary");
  });

  it("names the settings a documented provider accepts", () => {
    const { failures } = checkInputs({ providerName: "shopify", settings: { autoconnect: true } });
    expect(failures).toContainEqual({
      property: "settings",
      reason: 'Qard provider "shopify" has no setting "autoconnect" (accepted: auto_connect)',
    });
  });

  it("leaves an undocumented provider's keys to Qard", () => {
    expect(
      checkInputs({ providerName: "stripe", credentials: { whatever: "x" }, settings: { s: true } }).failures,
    ).toEqual([]);
  });

  it("lets values unknown during preview through unvalidated", () => {
    const { inputs, failures } = checkInputs({
      providerName: "shopify",
      credentials: { client_id: UNKNOWN, client_secret: UNKNOWN },
      settings: UNKNOWN,
      enabled: UNKNOWN,
    });
    expect(failures).toEqual([]);
    expect(inputs.enabled).toBe(UNKNOWN);
  });
});
