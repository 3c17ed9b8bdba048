import { describe, expect, it } from "vitest";
import { chooseApiKeySource } from "../../providers/src/resource/api-key-source.ts";

const KEY = { apiKey: "stack-key" };
const SECRET = { apiKeySecretId: "qard/prod/api-key" };
const ENV = { QARD_API_KEY: "env-key" };

describe("chooseApiKeySource: the stack's own source always wins over the environment", () => {
  it.each([
    ["config key alone", KEY, {}, { kind: "stack-config", apiKey: "stack-key" }],
    ["secret id alone", SECRET, {}, { kind: "stack-secret", secretId: "qard/prod/api-key" }],
    ["environment alone", {}, ENV, { kind: "environment", apiKey: "env-key" }],
    ["config key and environment", KEY, ENV, { kind: "stack-config", apiKey: "stack-key" }],
    ["secret id and environment", SECRET, ENV, { kind: "stack-secret", secretId: "qard/prod/api-key" }],
    ["nothing", {}, {}, { kind: "none" }],
    ["an empty environment variable", {}, { QARD_API_KEY: "" }, { kind: "none" }],
  ])("%s", (_label, config, env, expected) => {
    expect(chooseApiKeySource(config, env)).toEqual(expected);
  });

  it.each([
    ["config key and secret id", {}],
    ["config key, secret id and environment", ENV],
  ])("refuses %s: ambiguous, and says how to keep one", (_label, env) => {
    expect(() => chooseApiKeySource({ ...KEY, ...SECRET }, env)).toThrow(
      "The stack sets both qard:apiKey and qard:apiKeySecretId: keep one (`pulumi config rm qard:apiKey` or `pulumi config rm qard:apiKeySecretId`)",
    );
  });
});
