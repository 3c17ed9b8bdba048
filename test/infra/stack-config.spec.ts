// Counterexamples the property tests (test/properties/stack-config.properties.spec.ts) found, kept as
// ordinary examples.
import { describe, expect, it } from "vitest";
import { parseStackConfig, StackConfigError } from "../../infra/stack-config.ts";

function problemsOf(raw: Parameters<typeof parseStackConfig>[1]): string[] {
  try {
    parseStackConfig("dev", raw);
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseStackConfig on values of the wrong type", () => {
  it("refuses settings: null with a config error naming the key, not a TypeError", () => {
    expect(problemsOf({ providers: { shopify: { settings: null } } })).toEqual([
      expect.stringMatching(/^qard:providers\.shopify\.settings: /),
    ]);
  });
});
