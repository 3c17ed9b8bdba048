import { describe, expect, it } from "vitest";
import type { QardProvider } from "@qard-iac/pulumi-qard/qard";
import { adoptionNotice } from "../../providers/src/resource/adoption.ts";

const live: QardProvider = {
  name: "shopify",
  enabled: true,
  available: true,
  authRequired: true,
  unique: true,
  credentialKeys: ["client_id", "client_secret"],
  settingNames: ["auto_connect"],
  settings: { auto_connect: false },
  dataTypes: [],
};

describe("the adoption warning", () => {
  it("names what changes and the resource option a library user has, not a stack setting their program lacks", () => {
    const notice = adoptionNotice(live, {
      providerName: "shopify",
      settings: { auto_connect: true },
      enabled: true,
      schemaVersion: 1,
      credentials: { client_id: "id", client_secret: "secret" },
    });
    expect(notice).toContain("settings.auto_connect: false => true");
    expect(notice).toContain("adoptExisting: false");
    expect(notice).not.toContain("qard:providers");
  });
});
