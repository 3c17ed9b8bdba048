import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffConfig } from "../../providers/src/resource/diff.ts";
import { applyWrite, planWrites, type KnownState } from "../../providers/src/resource/plan.ts";
import type { ProviderInputs, ProviderOutputs } from "../../providers/src/resource/state.ts";
import { configurePropertyRuns } from "../helpers/property-runs.ts";

configurePropertyRuns();

const SETTING_NAMES = ["auto_connect", "officers_check", "background_check", "confidential_only"];
const settings = fc.dictionary(fc.constantFrom(...SETTING_NAMES), fc.boolean(), { maxKeys: 4 });

/** A resource's inputs as `check` returns them. */
const inputs: fc.Arbitrary<ProviderInputs> = fc
  .record({
    credentials: fc.option(
      fc.record({ client_id: fc.constantFrom("a", "b"), client_secret: fc.constantFrom("x", "y") }),
      { nil: undefined },
    ),
    settings,
    enabled: fc.boolean(),
  })
  .map(({ credentials, ...rest }) => ({
    providerName: "shopify",
    schemaVersion: 1,
    ...rest,
    ...(credentials === undefined ? {} : { credentials }),
  }));

/** What `create` and `update` store: the inputs, and what Qard said. */
function outputsOf(state: ProviderInputs): ProviderOutputs {
  return { ...state, credentialsSource: state.credentials ? "value" : "none", available: true };
}

function desiredOf(state: ProviderInputs) {
  return {
    hasCredentials: state.credentials !== undefined,
    settings: state.settings,
    enabled: state.enabled,
  };
}

/** Qard as the state `a` describes it, with settings the stack does not manage beside them. */
function knownFor(a: ProviderInputs, b: ProviderInputs, unmanaged: Record<string, boolean>): KnownState {
  const changes = diffConfig(outputsOf(a), b);
  return {
    credentialsCurrent: !changes.credentialsChanged,
    settings: { ...unmanaged, ...a.settings },
    enabled: a.enabled,
  };
}

const unmanagedSettings = fc.dictionary(fc.constantFrom("x_unmanaged", "y_unmanaged"), fc.boolean());

describe("the planner: plan(diff(a, b)) applied to a", () => {
  it("gives b: enabled, every managed setting, and credentials current", () => {
    fc.assert(
      fc.property(inputs, inputs, unmanagedSettings, (a, b, unmanaged) => {
        const known = knownFor(a, b, unmanaged);
        const after = planWrites(desiredOf(b), known).reduce(applyWrite, known);
        expect(after.enabled).toBe(b.enabled);
        for (const [name, value] of Object.entries(b.settings)) expect(after.settings[name]).toBe(value);
        if (b.credentials !== undefined) expect(after.credentialsCurrent).toBe(true);
      }),
    );
  });

  it("keeps the settings the stack does not manage", () => {
    fc.assert(
      fc.property(inputs, inputs, unmanagedSettings, (a, b, unmanaged) => {
        const known = knownFor(a, b, unmanaged);
        const after = planWrites(desiredOf(b), known).reduce(applyWrite, known);
        for (const [name, value] of Object.entries(known.settings)) {
          if (!(name in b.settings)) expect(after.settings[name]).toBe(value);
        }
      }),
    );
  });

  it("writes each kind at most once, credentials before settings before enable", () => {
    fc.assert(
      fc.property(inputs, inputs, unmanagedSettings, (a, b, unmanaged) => {
        const kinds = planWrites(desiredOf(b), knownFor(a, b, unmanaged)).map((write) => write.kind);
        const order = ["credentials", "settings", "enable"];
        expect(kinds).toEqual(order.filter((kind) => kinds.includes(kind as (typeof kinds)[number])));
      }),
    );
  });

  it("then plans nothing more: the result is a fixed point", () => {
    fc.assert(
      fc.property(inputs, inputs, unmanagedSettings, (a, b, unmanaged) => {
        const known = knownFor(a, b, unmanaged);
        const after = planWrites(desiredOf(b), known).reduce(applyWrite, known);
        expect(planWrites(desiredOf(b), after)).toEqual([]);
      }),
    );
  });

  it("a no-op (b equal to a) diffs nothing and plans zero writes", () => {
    fc.assert(
      fc.property(inputs, unmanagedSettings, (a, unmanaged) => {
        const copy = structuredClone(a);
        expect(diffConfig(outputsOf(a), copy).changed).toEqual([]);
        expect(planWrites(desiredOf(copy), knownFor(a, copy, unmanaged))).toEqual([]);
      }),
    );
  });

  it("a write is planned only for a property the diff names", () => {
    fc.assert(
      fc.property(inputs, inputs, (a, b) => {
        const changes = diffConfig(outputsOf(a), b);
        const kinds = planWrites(desiredOf(b), knownFor(a, b, {})).map((write) => write.kind);
        if (kinds.includes("credentials")) expect(changes.credentialsChanged).toBe(true);
        if (kinds.includes("settings")) expect(changes.settingsChanged).toBe(true);
        if (kinds.includes("enable")) expect(changes.enabledChanged).toBe(true);
      }),
    );
  });
});
