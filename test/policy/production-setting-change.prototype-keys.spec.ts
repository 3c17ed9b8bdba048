/** The policy pack reads settings maps keyed by the user's names: only their own entries count. */
import { describe, expect, it } from "vitest";
import { settingChanges } from "../../policy/rules/production-setting-change.ts";

describe("settingChanges with setting names that plain objects already have", () => {
  it("reports a new setting named constructor as not managed before, not as a function", () => {
    expect(settingChanges({ auto_connect: true }, { auto_connect: true, constructor: true })).toEqual([
      { key: "constructor", from: undefined, to: true },
    ]);
  });

  it("reads an own __proto__ entry as an ordinary value", () => {
    const previous = JSON.parse('{"__proto__": true}') as Record<string, unknown>;
    const next = JSON.parse('{"__proto__": true}') as Record<string, unknown>;
    expect(settingChanges(previous, next)).toEqual([]);
    expect(settingChanges({}, next)).toEqual([{ key: "__proto__", from: undefined, to: true }]);
  });
});
