import { describe, expect, it } from "vitest";
import { isProductionStack, stackOfUrn, viewOf } from "../../policy/qard-resource.ts";
import { apiUrlProblem } from "@qard-iac/pulumi-qard/rules";
import { apiUrlViolation } from "../../policy/rules/https-api-url.ts";
import { allowListViolation } from "../../policy/rules/provider-allow-list.ts";
import { settingChangeMessage, settingChanges } from "../../policy/rules/production-setting-change.ts";
import { disableViolations } from "../../policy/rules/reviewed-disable.ts";
import { valueCredentialsViolation } from "../../policy/rules/secrets-by-reference.ts";
import { previousInputsOf } from "../../policy/previous-inputs.ts";
import { apiUrlOf, reviewedDisableOf } from "../../policy/stack-config.ts";

const SECRET = "s3cr3t-value-never-quoted";

describe("production stacks", () => {
  it("match prod* by default and any listed pattern, whole name only", () => {
    expect(isProductionStack("prod", ["prod*"])).toBe(true);
    expect(isProductionStack("prod-eu", ["prod*"])).toBe(true);
    expect(isProductionStack("preprod", ["prod*"])).toBe(false);
    expect(isProductionStack("staging", ["prod*"])).toBe(false);
    expect(isProductionStack("live.eu", ["live.eu"])).toBe(true);
    expect(isProductionStack("liveXeu", ["live.eu"])).toBe(false);
    expect(isProductionStack("team-prod", ["prod*", "*-prod"])).toBe(true);
  });

  it("the stack name comes from the resource's URN", () => {
    expect(
      stackOfUrn("urn:pulumi:prod-eu::qard-iac::pulumi-nodejs:dynamic/qard:ProviderConfig::shopify"),
    ).toBe("prod-eu");
  });
});

describe("credentials by value in production", () => {
  const byValue = viewOf("shopify", {
    providerName: "shopify",
    credentials: { client_secret: SECRET, client_id: SECRET },
  });

  it("are refused naming the keys, never the values, and how to use a reference", () => {
    const message = valueCredentialsViolation(byValue, "prod") ?? "";
    expect(message).toContain(
      'shopify: production stack "prod" gives credentials by value (keys client_id, client_secret)',
    );
    expect(message).toContain("secretsManager: { secretId:");
    expect(message).not.toContain(SECRET);
  });

  it("pass by reference or without credentials", () => {
    const byReference = viewOf("shopify", { credentialsRef: { secretId: "qard/prod/shopify" } });
    expect(valueCredentialsViolation(byReference, "prod")).toBeUndefined();
    expect(valueCredentialsViolation(viewOf("company_legal_fr", {}), "prod")).toBeUndefined();
  });
});

describe("disabling or leaving deletable a production provider", () => {
  it("is refused without an allowance: disabled, and unprotected, each with its fix", () => {
    const view = viewOf("shopify", { providerName: "shopify", enabled: false });
    const messages = disableViolations(view, false, [], "prod");
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain("disables this provider (enabled: false)");
    expect(messages[0]).toContain("pulumi config set --path 'qard:reviewedDisable[0]' shopify --stack prod");
    expect(messages[1]).toContain("Set qard:providers.shopify.protect: true");
  });

  it("passes when enabled and protected, or when qard:reviewedDisable names it", () => {
    expect(disableViolations(viewOf("shopify", {}), true, [], "prod")).toEqual([]);
    const disabled = viewOf("shopify", { enabled: false });
    expect(disableViolations(disabled, false, ["shopify"], "prod")).toEqual([]);
    expect(disableViolations(disabled, true, ["paypal"], "prod")).toHaveLength(1);
  });

  it("reads the allowance as a list, a single name, or nothing", () => {
    expect(reviewedDisableOf({ "qard:reviewedDisable": '["shopify","paypal"]' })).toEqual([
      "shopify",
      "paypal",
    ]);
    expect(reviewedDisableOf({ "qard:reviewedDisable": "shopify" })).toEqual(["shopify"]);
    expect(reviewedDisableOf({ "qard:reviewedDisable": "[1, true]" })).toEqual([]);
    expect(reviewedDisableOf({})).toEqual([]);
  });
});

describe("the API URL", () => {
  it("is https, or plain http to a loopback address", () => {
    expect(apiUrlViolation("https://api.qardfinance.com", "prod")).toBeUndefined();
    expect(apiUrlViolation("http://127.0.0.1:8787", "dev")).toBeUndefined();
    expect(apiUrlViolation("http://localhost:8787", "dev")).toBeUndefined();
    expect(apiUrlViolation("http://[::1]:8787", "dev")).toBeUndefined();
  });

  it("is refused in plain http elsewhere, showing only its origin", () => {
    const message = apiUrlViolation(`http://qard.internal:8080/api/${SECRET}`, "staging") ?? "";
    expect(message).toContain(
      'qard:apiUrl of stack "staging" (http://qard.internal:8080) must use https, or the API key and credentials travel in clear',
    );
    expect(message).toContain("pulumi config set qard:apiUrl https://api.qardfinance.com --stack staging");
    expect(message).not.toContain(SECRET);
  });

  it("is refused with user info or a query, in the library rule's words, never quoting them", () => {
    const message =
      apiUrlViolation(`http://user:${SECRET}@qard.internal:8080/api?key=${SECRET}`, "staging") ?? "";
    expect(message).toContain(
      `qard:apiUrl of stack "staging" (http://qard.internal:8080) ${apiUrlProblem(`http://user:${SECRET}@qard.internal:8080`)}`,
    );
    expect(message).not.toContain(SECRET);
  });

  it("does not quote a value that is not a URL", () => {
    const message = apiUrlViolation(SECRET, "prod") ?? "";
    expect(message).toContain('qard:apiUrl of stack "prod" is not a URL');
    expect(message).not.toContain(SECRET);
  });

  it("comes from qard:apiUrl, else QARD_API_URL, else Qard's https URL", () => {
    expect(apiUrlOf({ "qard:apiUrl": "http://127.0.0.1:1" }, { QARD_API_URL: "http://x" })).toBe(
      "http://127.0.0.1:1",
    );
    expect(apiUrlOf({}, { QARD_API_URL: "http://x" })).toBe("http://x");
    expect(apiUrlOf({}, {})).toBe("https://api.qardfinance.com");
  });
});

describe("setting changes in production", () => {
  it("lists each managed setting whose value changes, with old and new value", () => {
    expect(
      settingChanges(
        { auto_connect: true, confidential_only: false },
        { auto_connect: false, confidential_only: false },
      ),
    ).toEqual([{ key: "auto_connect", from: true, to: false }]);
    expect(settingChanges({}, { auto_connect: true })).toEqual([
      { key: "auto_connect", from: undefined, to: true },
    ]);
    // A setting no longer listed is left as it is in Qard: not a change.
    expect(settingChanges({ auto_connect: true }, {})).toEqual([]);
  });

  it("says which provider, what changes and that nothing is needed if it is the reviewed change", () => {
    expect(settingChangeMessage("shopify", { key: "auto_connect", from: true, to: false }, "prod")).toBe(
      'shopify: production stack "prod" changes settings.auto_connect: true → false. Check that this is the ' +
        "reviewed change (qard:providers.shopify in Pulumi.prod.yaml); nothing to do if it is.",
    );
    expect(
      settingChangeMessage("shopify", { key: "auto_connect", to: true, from: undefined }, "prod"),
    ).toContain("(not managed) → true");
  });

  it("finds a resource's deployed inputs in `pulumi stack export` output", () => {
    const urn = "urn:pulumi:prod::qard-iac::pulumi-nodejs:dynamic/qard:ProviderConfig::shopify";
    const deployment = {
      version: 3,
      deployment: { resources: [{ urn, inputs: { settings: { auto_connect: true } } }, { urn: "other" }] },
    };
    expect(previousInputsOf(deployment, urn)).toEqual({ settings: { auto_connect: true } });
    expect(previousInputsOf(deployment, `${urn}-new`)).toBeUndefined();
    expect(previousInputsOf({ version: 3, deployment: {} }, urn)).toBeUndefined();
  });
});

describe("the provider allow-list", () => {
  it("refuses a provider not on it, listing it and how to comply", () => {
    const message = allowListViolation("woocommerce", ["shopify"], "prod") ?? "";
    expect(message).toContain(
      'woocommerce: stack "prod" configures a provider that is not on the pack\'s allow-list (shopify)',
    );
    expect(message).toContain("Remove qard:providers.woocommerce");
    expect(allowListViolation("shopify", ["shopify"], "prod")).toBeUndefined();
  });
});
