import { describe, expect, it } from "vitest";
import { viewOf } from "../../policy/qard-resource.ts";
import { apiUrlViolation } from "../../policy/rules/https-api-url.ts";
import { disableViolations } from "../../policy/rules/reviewed-disable.ts";
import { apiUrlsOf } from "../../policy/stack-config.ts";

describe("the policy pack with several accounts", () => {
  // The default dynamic provider's inputs: the stack config, structured values as JSON text.
  const providerProps = {
    "qard:accounts": JSON.stringify({
      eu: { apiUrl: "https://eu.qard.example", apiKey: "eu-key" },
      us: { apiUrl: "http://us.qard.example", apiKey: "us-key" },
    }),
  };

  it("checks each account's API URL, naming the account's setting", () => {
    const urls = apiUrlsOf(providerProps, { QARD_API_URL: "http://ignored.example" });
    expect(urls).toEqual([
      { setting: "qard:accounts.eu.apiUrl", url: "https://eu.qard.example" },
      { setting: "qard:accounts.us.apiUrl", url: "http://us.qard.example" },
    ]);
    const violations = urls.flatMap(({ setting, url }) => apiUrlViolation(url, "prod", setting) ?? []);
    expect(violations).toEqual([
      expect.stringMatching(
        /^qard:accounts\.us\.apiUrl of stack "prod" \(http:\/\/us\.qard\.example\) must use https.*pulumi config set --path 'qard:accounts\.us\.apiUrl'/,
      ),
    ]);
    expect(violations.join("\n")).not.toContain("us-key");
  });

  it("the one-account form keeps its single URL", () => {
    expect(apiUrlsOf({ "qard:apiUrl": "https://api.qard.example" }, {})).toEqual([
      { setting: "qard:apiUrl", url: "https://api.qard.example" },
    ]);
  });

  it("a reviewed disable is per account: eu/shopify does not cover us/shopify, nor does plain shopify", () => {
    const eu = viewOf("eu/shopify", { providerName: "shopify", account: "eu", enabled: false });
    const us = viewOf("us/shopify", { providerName: "shopify", account: "us", enabled: false });
    expect(disableViolations(eu, true, ["eu/shopify"], "prod")).toEqual([]);
    expect(disableViolations(us, true, ["eu/shopify", "shopify"], "prod")).toEqual([
      expect.stringMatching(
        /^us\/shopify: production stack "prod" disables this provider.*qard:accounts\.us\.providers\.shopify/,
      ),
    ]);
  });
});
