import { describe, expect, it } from "vitest";
import type { QardProvider } from "../../providers/src/qard/index.ts";
import {
  managedSettings,
  rejectUnknownSettings,
  unreadableSettings,
} from "../../providers/src/resource/managed-settings.ts";

const live = (
  settings: Record<string, unknown>,
  settingNames: string[] = Object.keys(settings),
): QardProvider => ({
  name: "shopify",
  enabled: false,
  available: true,
  authRequired: false,
  unique: false,
  credentialKeys: [],
  dataTypes: [],
  settingNames,
  settings: settings as Record<string, boolean>,
});

describe("the settings a resource manages", () => {
  it("are read from Qard, and only those: the others are not the stack's to diff", () => {
    expect(managedSettings({ auto_connect: true }, { auto_connect: false, other: true })).toEqual({
      auto_connect: false,
    });
  });

  it("are unreadable when Qard gives no true/false value for them", () => {
    const answer = live({ auto_connect: null, sync_daily: "yes", kept: true });
    expect(
      unreadableSettings({ auto_connect: true, sync_daily: true, kept: true, absent: false }, answer),
    ).toEqual(["auto_connect", "sync_daily", "absent"]);
  });

  it("must be settings the provider has, unless Qard lists none", () => {
    expect(() => rejectUnknownSettings("shopify", { typo: true }, live({ auto_connect: true }))).toThrow(
      /typo/,
    );
    expect(() => rejectUnknownSettings("shopify", { typo: true }, live({}, []))).not.toThrow();
  });
});
