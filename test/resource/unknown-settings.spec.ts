import { describe, expect, it } from "vitest";
import { unknownSettingsProblem } from "../../providers/src/resource/unknown-settings.ts";

describe("unknownSettingsProblem", () => {
  it("accepts settings the provider has", () => {
    expect(
      unknownSettingsProblem("infogreffe", { auto_connect: true, confidential_only: false }, [
        "auto_connect",
        "confidential_only",
      ]),
    ).toBeUndefined();
  });

  it("names every unknown setting and the accepted ones, so the fix is a rename", () => {
    expect(unknownSettingsProblem("shopify", { autoconnect: true, nightly: false }, ["auto_connect"])).toBe(
      'Qard provider "shopify" has no setting "autoconnect", "nightly" (accepted: auto_connect)',
    );
  });

  it("says none when the provider takes no setting", () => {
    expect(unknownSettingsProblem("square", { auto_connect: true }, [])).toBe(
      'Qard provider "square" has no setting "auto_connect" (accepted: none)',
    );
  });
});
