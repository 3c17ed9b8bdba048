/**
 * An update the engine plans whose shown values do not differ: the engine masks secrets as "[secret]" on
 * both sides and a dynamic provider's diff names no property. Events shaped as the CLI v3.276 sends them
 * for a changed `credentials` by value (captured from test/e2e/drift-checked.spec.ts).
 */
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import { classifyPreview, statusOf } from "../../../../workflows/stacks/drift-check/classify.ts";

const QARD = "pulumi-nodejs:dynamic/qard:ProviderConfig";
type Props = Record<string, unknown>;

function event(
  kind: "resourcePreEvent" | "resOutputsEvent",
  op: string,
  old: Props,
  next: Props,
): EngineEvent {
  const urn = `urn:pulumi:prod::qard-iac::${QARD}::shopify`;
  const state = (inputs: Props) => ({
    type: QARD,
    urn,
    id: "shopify",
    parent: "",
    provider: "",
    inputs,
    outputs: inputs,
  });
  return {
    sequence: 0,
    timestamp: 0,
    [kind]: { metadata: { op, urn, type: QARD, provider: "", old: state(old), new: state(next) } },
  } as unknown as EngineEvent;
}

const byValue = { providerName: "shopify", enabled: true, settings: {}, credentials: "[secret]" };
const noCredentials = { providerName: "shopify", enabled: true, settings: {} };

describe("classifyPreview of an update no shown value explains", () => {
  it("reports a masked credential given by value as a pending config change, never clean", () => {
    const findings = classifyPreview([
      event("resOutputsEvent", "refresh", byValue, byValue),
      event("resourcePreEvent", "update", byValue, byValue),
    ]);
    expect(findings).toEqual([
      { kind: "config", provider: "shopify", property: "credentials", old: "[secret]", new: "[secret]" },
    ]);
    expect(statusOf(findings)).toBe("config");
  });

  it("reports any other unexplained update as a change planned by the engine", () => {
    const findings = classifyPreview([event("resourcePreEvent", "update", noCredentials, noCredentials)]);
    expect(findings).toEqual([
      { kind: "config", provider: "shopify", property: "(change planned by the engine)" },
    ]);
  });

  it("adds nothing when the update only restores drift already reported", () => {
    const live = { ...noCredentials, enabled: false };
    const findings = classifyPreview([
      event("resOutputsEvent", "refresh", noCredentials, live),
      event("resourcePreEvent", "update", live, noCredentials),
    ]);
    expect(findings).toEqual([
      { kind: "drift", provider: "shopify", property: "enabled", old: true, new: false },
    ]);
  });
});
