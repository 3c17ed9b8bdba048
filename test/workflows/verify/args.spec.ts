import { describe, expect, it } from "vitest";
import { UsageError } from "../../../cli/usage-error.ts";
import { parseVerifyArgs } from "../../../workflows/verify/args.ts";

describe("parseVerifyArgs", () => {
  it("defaults to shopify, 600 s and text output", () => {
    expect(parseVerifyArgs(["--stack", "staging", "--user", "u1"])).toEqual({
      kind: "verify",
      args: { stackName: "staging", userId: "u1", providerName: "shopify", timeoutMs: 600_000, json: false },
    });
  });

  it("reads every option", () => {
    const argv = [
      "--stack=prod",
      "--user",
      "u1",
      "--provider",
      "paypal",
      "--timeout-seconds",
      "1.5",
      "--json",
    ];
    expect(parseVerifyArgs(argv)).toEqual({
      kind: "verify",
      args: { stackName: "prod", userId: "u1", providerName: "paypal", timeoutMs: 1500, json: true },
    });
  });

  it.each([["0"], ["-3"], [""], ["Infinity"]])("refuses --timeout-seconds %j", (value) => {
    expect(() => parseVerifyArgs(["--stack", "s", "--user", "u", "--timeout-seconds", value])).toThrow(
      UsageError,
    );
  });

  it("refuses an empty --user", () => {
    expect(() => parseVerifyArgs(["--stack", "s", "--user", " "])).toThrow("--user must not be empty");
  });
});
