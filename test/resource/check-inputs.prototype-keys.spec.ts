/**
 * The library's inputs (the resource's check, the credential key rule) with keys that plain objects
 * already have: refused by name, never looked up on Object.prototype.
 */
import { describe, expect, it } from "vitest";
import { prototypeKeyPaths } from "../../providers/src/prototype-keys.ts";
import { checkInputs } from "../../providers/src/resource/check-inputs.ts";
import { credentialKeyProblems } from "../../providers/src/resource/credential-keys.ts";

const REASON = "is a name JavaScript objects already have";

describe("check: keys that plain objects already have", () => {
  it.each([
    ["settings", '{"providerName": "acme_pay", "settings": {"__proto__": true}}', "__proto__"],
    ["settings", '{"providerName": "acme_pay", "settings": {"toString": true}}', "toString"],
    ["credentials", '{"providerName": "acme_pay", "credentials": {"__proto__": "x"}}', "__proto__"],
    ["credentials", '{"providerName": "acme_pay", "credentials": {"hasOwnProperty": "x"}}', "hasOwnProperty"],
  ])("refuses one in %s, naming it (%s)", (property, json, key) => {
    const { failures } = checkInputs(JSON.parse(json) as Record<string, unknown>);
    expect(failures).toContainEqual({
      property,
      reason: `${key}: ${REASON} (like __proto__, constructor or toString) and is refused: rename it`,
    });
  });

  it("refuses an input property named constructor instead of taking it for a known property", () => {
    const { failures } = checkInputs({ providerName: "shopify", constructor: true });
    expect(failures).toContainEqual({
      property: "constructor",
      reason: "is not a property of a Qard provider configuration",
    });
  });

  it("refuses constructor as a provider name", () => {
    expect(checkInputs({ providerName: "constructor" }).failures.map((f) => f.property)).toContain(
      "providerName",
    );
  });
});

describe("credentialKeyProblems", () => {
  it("treats an extra key named constructor as an unexpected key, not as a function-typed one", () => {
    expect(credentialKeyProblems({ client_id: "string" }, { client_id: "a", constructor: "b" })).toEqual([
      'unexpected key "constructor" (expected "client_id")',
    ]);
  });
});

describe("prototypeKeyPaths", () => {
  it("finds every such key at any depth, own keys only", () => {
    const value: unknown = JSON.parse(
      '{"a": {"__proto__": 1, "b": [{"constructor": 2}]}, "ok": {"toString_": 3}}',
    );
    expect(prototypeKeyPaths(value)).toEqual([
      ["a", "__proto__"],
      ["a", "b", "0", "constructor"],
    ]);
    expect(prototypeKeyPaths({ shopify: { settings: { auto_connect: true } } })).toEqual([]);
  });
});
