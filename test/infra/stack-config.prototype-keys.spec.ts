/**
 * Config maps keyed by the user's names, read as the Pulumi SDK hands them over (JSON.parse keeps
 * `__proto__` as an own key). Before, zod's record dropped a `__proto__` provider silently: the empty-map
 * guard was bypassed and `up` disabled the stack's other providers. Names that plain objects already have
 * are refused, naming the key; nothing is dropped.
 */
import { describe, expect, it } from "vitest";
import { parseStackConfig, StackConfigError, type RawStackConfig } from "../../infra/stack-config.ts";

function refusal(raw: RawStackConfig): string {
  try {
    parseStackConfig("dev", raw);
  } catch (error) {
    expect(error).toBeInstanceOf(StackConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the config to be refused");
}

const REASON = "is a name JavaScript objects already have";

describe("stack config: keys that plain objects already have", () => {
  it("refuses __proto__ as the only provider instead of reading an empty map", () => {
    const providers: unknown = JSON.parse('{"__proto__": {"enabled": true}}');
    expect(refusal({ providers })).toContain(`qard:providers.__proto__: ${REASON}`);
  });

  it("refuses __proto__ beside other providers instead of dropping it", () => {
    const providers: unknown = JSON.parse(
      '{"shopify": {"enabled": true}, "__proto__": {"enabled": true}, "company_legal_fr": {}}',
    );
    const message = refusal({ providers });
    expect(message).toContain(`qard:providers.__proto__: ${REASON}`);
    expect(message).toContain("Pulumi.dev.yaml");
  });

  it.each(["constructor", "toString", "hasOwnProperty", "valueOf"])(
    "refuses %s as a provider name, naming it",
    (name) => {
      expect(refusal({ providers: { [name]: { enabled: true } } })).toContain(
        `qard:providers.${name}: ${REASON}`,
      );
    },
  );

  it.each([
    [
      "a setting",
      '{"shopify": {"settings": {"__proto__": true}}}',
      "qard:providers.shopify.settings.__proto__",
    ],
    [
      "a setting",
      '{"shopify": {"settings": {"constructor": true}}}',
      "qard:providers.shopify.settings.constructor",
    ],
    [
      "a credential key",
      '{"shopify": {"credentials": {"client_id": "a", "__proto__": "b"}}}',
      "qard:providers.shopify.credentials.__proto__",
    ],
    [
      "a reference key",
      '{"shopify": {"credentials": {"secretsManager": {"secretId": "x", "toString": "y"}}}}',
      "qard:providers.shopify.credentials.secretsManager.toString",
    ],
  ])("refuses such a name as %s: %s", (_what, json, key) => {
    expect(refusal({ providers: JSON.parse(json) as unknown })).toContain(`${key}: ${REASON}`);
  });

  it("refuses such a name as a secret tag", () => {
    const secretTags: unknown = JSON.parse('{"team": "platform", "__proto__": "x"}');
    expect(refusal({ providers: { shopify: {} }, secretTags })).toContain(
      `qard:secretTags.__proto__: ${REASON}`,
    );
  });

  it("still reads every ordinary name, none dropped", () => {
    const providers: unknown = JSON.parse(
      '{"shopify": {}, "company_legal_fr": {"settings": {"auto_connect": true}}}',
    );
    expect(Object.keys(parseStackConfig("dev", { providers }).providers)).toEqual([
      "shopify",
      "company_legal_fr",
    ]);
  });
});
