import { describe, expect, it } from "vitest";
import { diffConfig } from "../../providers/src/resource/diff.ts";
import { applyWrite, planWrites } from "../../providers/src/resource/plan.ts";
import type { ProviderInputs, ProviderOutputs } from "../../providers/src/resource/state.ts";

const inputs: ProviderInputs = {
  providerName: "shopify",
  credentials: { client_id: "a", client_secret: "b" },
  settings: { auto_connect: true },
  enabled: true,
  schemaVersion: 1,
};
const outputs: ProviderOutputs = { ...inputs, credentialsSource: "value", available: true };

describe("planWrites", () => {
  it("orders credentials, settings, enable", () => {
    const writes = planWrites(
      { hasCredentials: true, settings: { auto_connect: true }, enabled: true },
      { credentialsCurrent: false, settings: { auto_connect: false }, enabled: false },
    );
    expect(writes.map((w) => w.kind)).toEqual(["credentials", "settings", "enable"]);
  });

  it("plans nothing when Qard already matches", () => {
    expect(
      planWrites(
        { hasCredentials: true, settings: { auto_connect: true }, enabled: true },
        { credentialsCurrent: true, settings: { auto_connect: true, other: false }, enabled: true },
      ),
    ).toEqual([]);
  });

  it("ignores settings the configuration does not manage", () => {
    expect(
      planWrites(
        { hasCredentials: false, settings: {}, enabled: false },
        { credentialsCurrent: false, settings: { x: true }, enabled: false },
      ),
    ).toEqual([]);
  });

  it("tracks what a partial run wrote", () => {
    const known = applyWrite(
      { credentialsCurrent: false, settings: {}, enabled: false },
      { kind: "credentials" },
    );
    expect(known).toEqual({ credentialsCurrent: true, settings: {}, enabled: false });
  });
});

describe("diffConfig", () => {
  it("names each changed property", () => {
    const diff = diffConfig(outputs, { ...inputs, settings: { auto_connect: false }, enabled: false });
    expect(diff.changed).toEqual(["settings", "enabled"]);
    expect(diff.credentialsChanged).toBe(false);
  });

  it("treats a new secret version as a credentials change", () => {
    const ref = {
      ...outputs,
      credentials: undefined,
      credentialsRef: { secretId: "s" },
      credentialsVersionId: "v1",
    };
    const diff = diffConfig(ref, {
      ...inputs,
      credentials: undefined,
      credentialsRef: { secretId: "s" },
      credentialsVersionId: "v2",
    } as ProviderInputs);
    expect(diff.changed).toEqual(["credentialsVersionId"]);
    expect(diff.credentialsChanged).toBe(true);
  });

  it("ignores key order", () => {
    const reordered = { ...inputs, credentials: { client_secret: "b", client_id: "a" } };
    expect(diffConfig(outputs, reordered).changed).toEqual([]);
  });

  it("asks for enabling again when Qard stopped offering the provider", () => {
    expect(diffConfig({ ...outputs, available: false, enabled: false }, inputs).enabledChanged).toBe(true);
  });
});
