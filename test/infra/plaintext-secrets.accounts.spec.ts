import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  isStoredSecureIn,
  plaintextSecretProblems,
  type ConfigSecrecy,
} from "../../infra/plaintext-secrets.ts";

// `pulumi config set --secret --path 'qard:accounts.eu.apiKey'` and a sibling account set without --secret.
const STACK_FILE = parse(`
config:
  qard:accounts:
    eu:
      apiUrl: https://eu.qard.example
      apiKey:
        secure: v1:abc
      providers:
        shopify:
          credentials:
            client_id: plain-id
            client_secret: plain-secret
    us:
      apiKey: plain-us-key
`) as unknown;

const secrecy: ConfigSecrecy = {
  isSecretKey: (key) => key === "qard:accounts",
  isStoredSecure: (path) => isStoredSecureIn(STACK_FILE, path),
};

describe("plaintextSecretProblems with qard:accounts", () => {
  it("names an account key and an account provider's credential stored in plaintext, never the secure ones", () => {
    const problems = plaintextSecretProblems(
      "dev",
      {
        hasApiKey: false,
        providers: {},
        accounts: {
          eu: {
            keySource: "apiKey",
            providers: {
              shopify: {
                enabled: true,
                settings: {},
                credentials: { client_id: "plain-id", client_secret: "plain-secret" },
              },
            },
          },
          us: { keySource: "apiKey", providers: {} },
        },
      },
      secrecy,
    );
    expect(problems).toEqual([
      "qard:accounts.eu.providers.shopify.credentials.client_id is stored in plaintext: set it again with `pulumi config set --secret --path 'qard:accounts.eu.providers.shopify.credentials.client_id' <value> --stack dev`",
      "qard:accounts.eu.providers.shopify.credentials.client_secret is stored in plaintext: set it again with `pulumi config set --secret --path 'qard:accounts.eu.providers.shopify.credentials.client_secret' <value> --stack dev`",
      "qard:accounts.us.apiKey is stored in plaintext: set it again with `pulumi config set --secret --path 'qard:accounts.us.apiKey' <key> --stack dev`",
    ]);
    expect(problems.join("\n")).not.toMatch(/plain-secret|plain-us-key/);
  });

  it("a key by Secrets Manager reference is not a secret value", () => {
    const problems = plaintextSecretProblems(
      "dev",
      { hasApiKey: false, providers: {}, accounts: { us: { keySource: "apiKeySecretId", providers: {} } } },
      secrecy,
    );
    expect(problems).toEqual([]);
  });
});
