import { describe, expect, it } from "vitest";
import { KNOWN_PROVIDERS } from "../../providers/src/catalogue.ts";
import { credentialPayloadProblems } from "../../providers/src/resource/credential-keys.ts";

const SECRET = "fake-secret-value-that-must-not-show";
const shopify = KNOWN_PROVIDERS.shopify?.credentials;

describe("credentialPayloadProblems", () => {
  it("accepts the keys and types the catalogue documents", () => {
    expect(credentialPayloadProblems(shopify, { client_id: "id", client_secret: SECRET })).toEqual([]);
  });

  it("names missing, unexpected and mistyped keys without quoting a value", () => {
    const problems = credentialPayloadProblems(KNOWN_PROVIDERS.paypal?.credentials, {
      is_sandbox: "yes",
      client_id: SECRET,
      clientSecret: SECRET,
    });
    expect(problems).toEqual([
      'missing key "client_secret"',
      'unexpected key "clientSecret" (expected "is_sandbox", "client_id", "client_secret")',
      'key "is_sandbox" must be a boolean, got a string',
    ]);
    expect(problems.join(" ")).not.toContain(SECRET);
  });

  it("refuses an empty or whitespace value, which Qard would store as a credential that works for nobody", () => {
    expect(credentialPayloadProblems(shopify, { client_id: "id", client_secret: "  " })).toEqual([
      'key "client_secret" is empty',
    ]);
  });

  it("checks only value types and blanks for a provider whose keys are unknown", () => {
    expect(
      credentialPayloadProblems(undefined, { token: SECRET, count: 3, nested: { a: 1 }, blank: "" }),
    ).toEqual([
      'key "count" must be a string or a boolean',
      'key "nested" must be a string or a boolean',
      'key "blank" is empty',
    ]);
  });

  it("checks names against the keys Qard lists when the catalogue has none", () => {
    expect(credentialPayloadProblems(["merchant_token"], { merchant_token: SECRET, extra: "x" })).toEqual([
      'unexpected key "extra" (expected "merchant_token")',
    ]);
  });
});
