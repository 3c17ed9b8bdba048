import type { Deployment } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import { accountClaimsIn, sharedAccountProblems } from "../../../workflows/stacks/account-claims.ts";

const QARD = "pulumi-nodejs:dynamic/qard:ProviderConfig";
const deployment = (resources: unknown[]) =>
  ({ version: 3, deployment: { resources } }) as unknown as Deployment;
const resource = (outputs: Record<string, unknown>, type = QARD) => ({ urn: "urn:x", type, outputs });

describe("accountClaimsIn", () => {
  it("lists each recorded account once, ignoring resources from before fingerprints and other types", () => {
    expect(
      accountClaimsIn(
        deployment([
          resource({ providerName: "shopify", account: "eu", accountFingerprint: "aaaa" }),
          resource({ providerName: "paypal", account: "eu", accountFingerprint: "aaaa" }),
          resource({ providerName: "shopify" }),
          resource({ account: "us", accountFingerprint: "bbbb" }, "qard:index:Account"),
        ]),
      ),
    ).toEqual([{ account: "eu", fingerprint: "aaaa" }]);
  });

  it("lists the one-account form's account, without a name", () => {
    expect(
      accountClaimsIn(
        deployment([
          resource({ providerName: "shopify", accountFingerprint: "cccc" }),
          resource({ providerName: "paypal", accountFingerprint: "cccc" }),
        ]),
      ),
    ).toEqual([{ fingerprint: "cccc" }]);
  });
});

describe("sharedAccountProblems", () => {
  it("refuses an account another stack of the project manages, naming both stacks and names", () => {
    const problems = sharedAccountProblems(
      "staging",
      [{ account: "main", fingerprint: "aaaa" }],
      [
        { stack: "prod", claims: [{ account: "eu", fingerprint: "aaaa" }] },
        { stack: "dev", claims: [{ account: "eu", fingerprint: "cccc" }] },
      ],
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^qard:accounts\.main of stack staging is the Qard account that stack prod manages as "eu" \(aaaa\)/,
      ),
    ]);
  });

  it("refuses two account names of one stack for one Qard account", () => {
    expect(
      sharedAccountProblems(
        "prod",
        [
          { account: "eu", fingerprint: "aaaa" },
          { account: "europe", fingerprint: "aaaa" },
        ],
        [],
      ),
    ).toEqual([
      expect.stringMatching(
        /^qard:accounts\.eu and qard:accounts\.europe of stack prod are one Qard account/,
      ),
    ]);
  });

  it("refuses a one-account stack on the account another stack manages, in either form", () => {
    expect(
      sharedAccountProblems(
        "staging",
        [{ fingerprint: "aaaa" }],
        [
          { stack: "prod", claims: [{ fingerprint: "aaaa" }] },
          { stack: "eu-entities", claims: [{ account: "fr", fingerprint: "aaaa" }] },
        ],
      ),
    ).toEqual([
      expect.stringMatching(
        /^the Qard account of qard:apiUrl and its key of stack staging is the Qard account that stack prod manages \(aaaa\): two stacks/,
      ),
      expect.stringMatching(
        /^the Qard account of qard:apiUrl and its key of stack staging is the Qard account that stack eu-entities manages as "fr" \(aaaa\)/,
      ),
    ]);
  });

  it("accepts distinct accounts", () => {
    expect(
      sharedAccountProblems(
        "prod",
        [{ account: "eu", fingerprint: "aaaa" }],
        [{ stack: "staging", claims: [{ account: "eu", fingerprint: "bbbb" }] }],
      ),
    ).toEqual([]);
  });
});
