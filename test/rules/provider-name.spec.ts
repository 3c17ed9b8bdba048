/**
 * A provider name has one rule (providers/src/provider-name.ts): the resource's `check`, the program's
 * stack config and the emulator's extra providers accept exactly the same names.
 */
import { describe, expect, it } from "vitest";
import { parseExtraProviders } from "../../emulator/extra-providers.ts";
import { parseStackConfig } from "../../infra/stack-config.ts";
import { checkInputs } from "../../providers/src/resource/check-inputs.ts";

function checkAccepts(name: string): boolean {
  return !checkInputs({ providerName: name }).failures.some((failure) => failure.property === "providerName");
}

function stackConfigAccepts(name: string): boolean {
  try {
    parseStackConfig("dev", { providers: { [name]: {} } });
    return true;
  } catch {
    return false;
  }
}

function emulatorAccepts(name: string): boolean {
  try {
    parseExtraProviders([
      { name, unique: false, authRequired: false, credentials: [], settings: [], dataTypes: ["KYC_CHECK"] },
    ]);
    return true;
  } catch (error) {
    // A built-in name is a valid name the emulator already has.
    return (error as Error).message.includes("is a built-in provider");
  }
}

describe("a provider name", () => {
  it.each([
    ["shopify", true],
    ["sandbox_public", true],
    ["acme-registry", true],
    ["0day", true],
    ["Shopify", false],
    ["_private", false],
    ["-dash", false],
    ["", false],
    ["shop ify", false],
    ["shop/ify", false],
    ["shopify\n", false],
    ["..", false],
    ["constructor", false],
    ["a".repeat(128), true],
    ["a".repeat(129), false],
  ])("%j: accepted = %s by check, the stack config and the emulator alike", (name, accepted) => {
    expect({
      check: checkAccepts(name),
      stackConfig: stackConfigAccepts(name),
      emulator: emulatorAccepts(name),
    }).toEqual({ check: accepted, stackConfig: accepted, emulator: accepted });
  });

  it("is refused by check with the fix, not just the pattern", () => {
    expect(checkInputs({ providerName: "Shopify" }).failures).toContainEqual({
      property: "providerName",
      reason: "must be a Qard provider's technical name, like shopify or sandbox_public",
    });
  });
});
