import type { Deployment } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import { accountClaimsIn, sharedAccountProblems } from "../../infra/automation/account-claims.ts";

const QARD = "pulumi-nodejs:dynamic/qard:ProviderConfig";
const deployment = (resources: unknown[]) =>
  ({ version: 3, deployment: { resources } }) as unknown as Deployment;
const resource = (outputs: Record<string, unknown>, type = QARD) => ({ urn: "urn:x", type, outputs });

describe("accountClaimsIn", () => {
  it("lists each recorded account once, ignoring the one-account form and other resource types", () => {
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
