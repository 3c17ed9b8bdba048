import { describe, expect, it } from "vitest";
import type { ImportReport } from "../../../workflows/import/import-account.ts";
import { renderImport } from "../../../workflows/import/report.ts";

const base: ImportReport = {
  stack: "staging",
  file: "Pulumi.staging.yaml",
  dryRun: false,
  fileWritten: true,
  imported: [
    {
      provider: "shopify",
      status: "new",
      entry: {
        enabled: true,
        autoConnect: true,
        credentials: { secretsManager: { secretId: "qard/s/shopify" } },
      },
      firstUp: [
        { call: "PUT /api/v6/providers/shopify/credentials", why: "credentials cannot be read back" },
      ],
      notes: [],
    },
    {
      provider: "comply_cube",
      status: "new",
      entry: { enabled: true, settings: { officers_check: true } },
      firstUp: [],
      notes: [],
    },
  ],
  skipped: [
    { provider: "paypal", reason: "disabled (--all imports it)" },
    { provider: "square", reason: "disabled (--all imports it)" },
  ],
  secrets: [
    {
      provider: "shopify",
      secretId: "qard/s/shopify",
      keys: [
        { name: "client_id", type: "string" },
        { name: "client_secret", type: "string" },
      ],
    },
  ],
  differences: [],
  refusals: [],
  firstUpCalls: ["PUT /api/v6/providers/shopify/credentials"],
  yaml: "config:\n",
};

describe("renderImport", () => {
  it("says what was imported, the secrets to create with their keys, and each write of the first up with its reason", () => {
    const text = renderImport(base);
    expect(text).toContain("shopify (new): enabled, auto_connect=true, credentials: secret qard/s/shopify");
    expect(text).toContain("comply_cube (new): enabled, officers_check=true, credentials: none declared");
    expect(text).toContain("Not imported, disabled (--all imports it): paypal, square");
    expect(text).toContain('qard/s/shopify  {"client_id": <string>, "client_secret": <string>}');
    expect(text).toContain("PUT /api/v6/providers/shopify/credentials  (credentials cannot be read back)");
    expect(text).toContain("Wrote Pulumi.staging.yaml");
  });

  it("says when the first up writes nothing, and prints the file of a dry run", () => {
    const text = renderImport({
      ...base,
      dryRun: true,
      fileWritten: false,
      secrets: [],
      firstUpCalls: [],
      imported: base.imported.map((p) => ({ ...p, firstUp: [] })),
    });
    expect(text).toContain("The first up writes nothing to Qard");
    expect(text).toContain("Dry run: Pulumi.staging.yaml untouched. It would read:\n\nconfig:\n");
    expect(text).not.toContain("Secrets to create");
  });

  it("lists the refusal and the differences, and nothing about writing", () => {
    const text = renderImport({
      ...base,
      fileWritten: false,
      differences: [{ provider: "shopify", setting: "enabled", declared: false, qard: true }],
      refusals: ["Pulumi.staging.yaml already declares shopify differently from Qard"],
    });
    expect(text).toContain("shopify  enabled: declared false, Qard true");
    expect(text).toContain("Refused, nothing written:\n    - Pulumi.staging.yaml already declares shopify");
    expect(text).not.toContain("Wrote");
  });
});
