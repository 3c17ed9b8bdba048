// Counterexamples the property tests (test/properties/stack-config.properties.spec.ts) found, kept as
// ordinary examples.
import { describe, expect, it } from "vitest";
import { stackConfigProblems as problemsOf } from "../helpers/stack-config-problems.ts";

describe("parseStackConfig on values of the wrong type", () => {
  it("refuses settings: null with a config error naming the key, not a TypeError", () => {
    expect(problemsOf({ providers: { shopify: { settings: null } } })).toEqual([
      expect.stringMatching(/^qard:providers\.shopify\.settings: /),
    ]);
  });
});
