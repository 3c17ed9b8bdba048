import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isStoredSecureIn, plaintextSecretProblems } from "../../infra/plaintext-secrets.ts";

// What `pulumi config set --path` writes: one secure leaf, one sibling set without --secret.
const STACK_FILE = parse(`
config:
  qard:apiKey:
    secure: v1:abc
  qard:providers:
    shopify:
      credentials:
        client_id: plain-id
        client_secret:
          secure: v1:def
    paypal:
      credentials:
        secure: v1:whole-object
`) as unknown;

describe("isStoredSecureIn", () => {
  it.each([
    [["qard:providers", "shopify", "credentials", "client_secret"], true],
    [["qard:providers", "shopify", "credentials", "client_id"], false],
    // An object set whole with --secret covers every key inside it.
    [["qard:providers", "paypal", "credentials", "client_secret"], true],
    [["qard:providers", "stripe", "credentials", "key"], false],
    [["qard:apiKey"], true],
    // Not in the file at all (config from an environment): unknown, not "plaintext".
    [["qard:other", "x"], undefined],
  ])("%j -> %s", (path, expected) => {
    expect(isStoredSecureIn(STACK_FILE, path)).toBe(expected);
  });
});

describe("plaintextSecretProblems", () => {
  const providers = {
    shopify: {
      enabled: true,
      settings: {},
      credentials: { client_id: "plain-id", client_secret: "s3cret", is_sandbox: false },
    },
    legal: { enabled: true, settings: {}, credentials: { secretsManager: { secretId: "qard/x" } } },
  };

  it("with --path, finds the plaintext sibling of a secure leaf (the engine marks the whole key secret)", () => {
    const problems = plaintextSecretProblems(
      "staging",
      { hasApiKey: true, providers },
      {
        isSecretKey: (key) => key === "qard:providers" || key === "qard:apiKey",
        isStoredSecure: (path) => isStoredSecureIn(STACK_FILE, path),
      },
    );
    expect(problems).toEqual([
      "qard:providers.shopify.credentials.client_id is stored in plaintext: set it again with `pulumi config set --secret --path 'qard:providers.shopify.credentials.client_id' <value> --stack staging`",
    ]);
  });

  it("without the stack file, trusts the engine's mark on qard:providers", () => {
    const secrecy = { isSecretKey: () => true, isStoredSecure: () => undefined };
    expect(plaintextSecretProblems("staging", { hasApiKey: true, providers }, secrecy)).toEqual([]);
  });

  it("never names a Secrets Manager reference or a boolean flag", () => {
    const secrecy = { isSecretKey: () => false, isStoredSecure: () => false };
    const problems = plaintextSecretProblems("s", { hasApiKey: false, providers }, secrecy);
    expect(problems.map((p) => p.split(" ")[0])).toEqual([
      "qard:providers.shopify.credentials.client_id",
      "qard:providers.shopify.credentials.client_secret",
    ]);
  });
});
