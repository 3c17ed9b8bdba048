import { describe, expect, it } from "vitest";
import { keySourceProblems } from "../../../workflows/promote/key-sources.ts";

describe("keySourceProblems for accounts", () => {
  it("names the account's own key settings when an account has none", () => {
    expect(
      keySourceProblems({
        "staging account eu": { apiKey: true, account: { name: "eu", stack: "staging" } },
        "prod account prod-eu": { apiKey: false, account: { name: "prod-eu", stack: "prod" } },
      }),
    ).toEqual([
      "prod account prod-eu names no Qard key: set qard:accounts.prod-eu.apiKeySecretId (or qard:accounts.prod-eu.apiKey) in Pulumi.prod.yaml",
    ]);
  });

  it("refuses an account of the source and one of the target that read one secret", () => {
    expect(
      keySourceProblems({
        "staging account eu": {
          apiKey: false,
          apiKeySecretId: "qard/eu-key",
          account: { name: "eu", stack: "staging" },
        },
        "prod account prod-eu": {
          apiKey: false,
          apiKeySecretId: "qard/eu-key",
          account: { name: "prod-eu", stack: "prod" },
        },
      }),
    ).toEqual([
      'staging account eu and prod account prod-eu read their Qard key from the same secret "qard/eu-key": give each its own',
    ]);
  });
});
