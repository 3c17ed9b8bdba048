import { describe, expect, it } from "vitest";
import { parseVerifyArgs } from "../../../workflows/verify/args.ts";
import { connectionFromStackConfig } from "../../../workflows/stacks/stack-connection.ts";

const config = {
  "qard:accounts": {
    value: JSON.stringify({
      eu: { apiUrl: "https://eu.qard.example", apiKey: "eu-key" },
      us: { apiUrl: "https://us.qard.example", apiKey: "us-key" },
    }),
  },
};

describe("verify --account", () => {
  it("uses the named account's URL and key, never QARD_API_KEY", async () => {
    await expect(connectionFromStackConfig(config, { QARD_API_KEY: "env-key" }, "us")).resolves.toEqual({
      baseUrl: "https://us.qard.example",
      apiKey: "us-key",
    });
  });

  it("a stack with accounts needs --account: the default connection is none of them", async () => {
    await expect(connectionFromStackConfig(config, { QARD_API_KEY: "env-key" })).rejects.toThrow(
      "the stack configures several Qard accounts (eu, us): choose one with --account",
    );
  });

  it("an account the stack does not describe is refused, naming it", async () => {
    await expect(connectionFromStackConfig(config, {}, "asia")).rejects.toThrow(/Qard account "asia"/);
  });

  it("--account follows the identifier rule", () => {
    expect(() => parseVerifyArgs(["--stack", "prod", "--user", "u1", "--account", "../eu"])).toThrow(
      /--account "\.\.\/eu" is not an account name/,
    );
    expect(parseVerifyArgs(["--stack", "prod", "--user", "u1", "--account", "eu"])).toMatchObject({
      args: { account: "eu" },
    });
  });
});
