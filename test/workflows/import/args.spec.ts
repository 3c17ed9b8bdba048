import { describe, expect, it } from "vitest";
import { IMPORT_USAGE, parseImportArgs } from "../../../workflows/import/args.ts";
import { secretIdFor } from "../../../workflows/import/secret-id-pattern.ts";
import { UsageError } from "../../../cli/usage-error.ts";

describe("parseImportArgs", () => {
  it("defaults to enabled providers, credentials referenced as qard/{stack}/{provider}, writing the file", () => {
    expect(parseImportArgs(["--stack", "staging"])).toEqual({
      stack: "staging",
      secretIdPattern: "qard/{stack}/{provider}",
      withoutCredentials: false,
      all: false,
      merge: false,
      dryRun: false,
      json: false,
    });
  });

  it.each([
    [[], "--stack is required"],
    [["--stack", "s", "--without-credentials", "--secret-id-pattern", "a/{provider}"], "exclude each other"],
    [["--stack", "s", "--secret-id-pattern", "qard/{stack}"], "must contain {provider}"],
    [["--stack", "s", "--secret-id-pattern", "{env}/{provider}"], "unknown placeholder {env}"],
    [["--stack", "s", "--merg"], "Unknown option '--merg'"],
  ])("rejects %j, ending with the usage line", (argv, reason) => {
    expect(() => parseImportArgs(argv)).toThrow(reason);
    expect(() => parseImportArgs(argv)).toThrow(IMPORT_USAGE);
    expect(() => parseImportArgs(argv)).toThrow(UsageError);
  });
});

describe("secretIdFor", () => {
  it("replaces every placeholder", () => {
    expect(secretIdFor("{stack}/qard/{provider}/{stack}", "prod", "shopify")).toBe("prod/qard/shopify/prod");
  });
});

describe("--account", () => {
  it("defaults the secret pattern to one secret per account and provider", () => {
    expect(parseImportArgs(["--stack", "prod", "--account", "eu"])).toMatchObject({
      account: "eu",
      secretIdPattern: "qard/{stack}/{account}/{provider}",
    });
  });
  it("refuses an account name outside the identifier rule, and {account} without --account", () => {
    expect(() => parseImportArgs(["--stack", "prod", "--account", "e/u"])).toThrow(
      /--account "e\/u" is not an account name/,
    );
    expect(() =>
      parseImportArgs(["--stack", "prod", "--secret-id-pattern", "q/{account}/{provider}"]),
    ).toThrow(/uses \{account\}: give the account with --account/);
  });
});
