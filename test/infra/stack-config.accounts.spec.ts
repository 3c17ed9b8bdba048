// qard:accounts in the stack config: the spelling, and every refusal naming the key to fix.
import { describe, expect, it } from "vitest";
import { parseStackConfig, type RawStackConfig } from "../../infra/stack-config.ts";
import { stackConfigProblems as problemsOf } from "../helpers/stack-config-problems.ts";

const ACCOUNTS = {
  eu: { apiUrl: "https://eu.qard.example", apiKey: "eu-key" },
  us: { apiUrl: "https://us.qard.example", apiKeySecretId: "qard/us/api-key" },
};

describe("qard:accounts", () => {
  it("reads accounts, providers naming an account, and one provider in two accounts (nested form)", () => {
    const config = parseStackConfig("dev", {
      accounts: {
        ...ACCOUNTS,
        us: { ...ACCOUNTS.us, providers: { shopify: { autoConnect: false } } },
      },
      providers: { shopify: { account: "eu" }, company_legal_fr: { account: "us", enabled: false } },
    });
    expect(config.providers).toEqual({
      shopify: { enabled: true, settings: {}, account: "eu" },
      company_legal_fr: { enabled: false, settings: {}, account: "us" },
    });
    expect(config.accounts).toEqual({
      eu: { apiUrl: "https://eu.qard.example", keySource: "apiKey", providers: {} },
      us: {
        apiUrl: "https://us.qard.example",
        keySource: "apiKeySecretId",
        providers: { shopify: { enabled: true, settings: { auto_connect: false } } },
      },
    });
    // The key itself is never kept in the parsed config.
    expect(JSON.stringify(config)).not.toContain("eu-key");
  });

  it("a stack may declare all its providers under its accounts", () => {
    const config = parseStackConfig("dev", {
      accounts: { eu: { ...ACCOUNTS.eu, providers: { shopify: {} } } },
    });
    expect(config.providers).toEqual({});
    expect(Object.keys(config.accounts.eu?.providers ?? {})).toEqual(["shopify"]);
  });

  it("the one-account form is unchanged: no accounts", () => {
    const config = parseStackConfig("dev", {
      apiUrl: "https://api.qard.example",
      providers: { shopify: {} },
    });
    expect(config.accounts).toEqual({});
    expect(config.providers).toEqual({ shopify: { enabled: true, settings: {} } });
  });

  it.each([
    [
      "an account name outside the identifier rule",
      { accounts: { "eu/prod": ACCOUNTS.eu }, providers: { shopify: { account: "eu" } } },
      /^qard:accounts\["eu\/prod"\]: is not an account name: 1 to 128 letters/,
    ],
    [
      "an account with both key sources",
      {
        accounts: { eu: { ...ACCOUNTS.eu, apiKeySecretId: "x" } },
        providers: { shopify: { account: "eu" } },
      },
      /^qard:accounts\.eu\.apiKeySecretId: and apiKey are both set: keep one/,
    ],
    [
      "an account with no key source",
      { accounts: { eu: { apiUrl: "https://eu.qard.example" } }, providers: { shopify: { account: "eu" } } },
      /^qard:accounts\.eu\.apiKey: is missing: .*QARD_API_KEY is not used for a named account/,
    ],
    [
      "an account URL in plain http to a public host",
      {
        accounts: { eu: { ...ACCOUNTS.eu, apiUrl: "http://eu.qard.example" } },
        providers: { shopify: { account: "eu" } },
      },
      /^qard:accounts\.eu\.apiUrl: /,
    ],
    [
      "a provider naming an account that is not described",
      { accounts: ACCOUNTS, providers: { shopify: { account: "asia" } } },
      /^qard:providers\.shopify\.account: names no account of qard:accounts \(eu, us\)/,
    ],
    [
      "a provider without an account in a stack with accounts",
      { accounts: ACCOUNTS, providers: { shopify: {} } },
      /^qard:providers\.shopify\.account: is required in a stack with qard:accounts \(eu, us\)/,
    ],
    [
      "the same provider of one account in both spellings",
      {
        accounts: { ...ACCOUNTS, eu: { ...ACCOUNTS.eu, providers: { shopify: {} } } },
        providers: { shopify: { account: "eu" } },
      },
      /^qard:providers\.shopify: provider shopify of account eu is also declared at qard:accounts\.eu\.providers\.shopify: keep one/,
    ],
    [
      "the one-account connection mixed with accounts",
      { apiKeySecretId: "qard/prod/api-key", accounts: ACCOUNTS, providers: { shopify: { account: "eu" } } },
      /^qard:apiKeySecretId: a stack with qard:accounts gives each account its own apiKeySecretId/,
    ],
    [
      "an account without qard:accounts",
      { providers: { shopify: { account: "eu" } } },
      /^qard:providers\.shopify\.account: the stack has no qard:accounts/,
    ],
    ["empty accounts", { accounts: {}, providers: { shopify: {} } }, /^qard:accounts is empty/],
    ["accounts and no provider at all", { accounts: ACCOUNTS }, /^qard:accounts declares no provider/],
    [
      "an account entry with an unknown key",
      { accounts: { eu: { ...ACCOUNTS.eu, apiUrls: "x" } }, providers: { shopify: { account: "eu" } } },
      /^qard:accounts\.eu: /,
    ],
    [
      "`account` inside an account's own providers",
      { accounts: { eu: { ...ACCOUNTS.eu, providers: { shopify: { account: "us" } } } } },
      /^qard:accounts\.eu\.providers\.shopify: /,
    ],
  ])("refuses %s, naming the key", (_label, raw, expected) => {
    const problems = problemsOf(raw as RawStackConfig);
    expect(problems).toEqual([expect.stringMatching(expected)]);
    expect(problems.join("\n")).not.toContain("eu-key");
  });

  it("refuses a prototype key as an account name", () => {
    const raw = JSON.parse(
      '{"accounts": {"__proto__": {"apiKey": "k"}}, "providers": {"shopify": {}}}',
    ) as RawStackConfig;
    expect(problemsOf(raw)).toEqual([expect.stringMatching(/^qard:accounts\.__proto__: /)]);
  });
});

describe("qard:fingerprint (the one-account form's pinned account)", () => {
  it("accepts the 16 hexadecimal digits a refusal printed", () => {
    expect(problemsOf({ fingerprint: "0123456789abcdef", providers: { shopify: {} } })).toEqual([]);
  });

  it("refuses anything else, naming the key", () => {
    expect(problemsOf({ fingerprint: "my-account", providers: { shopify: {} } })).toEqual([
      "qard:fingerprint: must be the 16 hexadecimal digits a refusal printed. Fix it in Pulumi.dev.yaml or with `pulumi config set --path 'qard:fingerprint' <value> --stack dev`",
    ]);
  });

  it("is refused beside qard:accounts: each account pins its own", () => {
    expect(
      problemsOf({
        fingerprint: "0123456789abcdef",
        accounts: ACCOUNTS,
        providers: { shopify: { account: "eu" } },
      }),
    ).toEqual([
      "qard:fingerprint: a stack with qard:accounts gives each account its own fingerprint: move it to qard:accounts.<account>.fingerprint (`pulumi config rm qard:fingerprint --stack dev`)",
    ]);
  });
});
