/**
 * An update the engine plans whose shown values do not differ: the engine masks secrets as "[secret]" on
 * both sides and a dynamic provider's diff names no property. Events shaped as the CLI v3.276 sends them
 * for a changed `credentials` by value (captured from test/e2e/drift-checked.spec.ts).
 */
import { describe, expect, it } from "vitest";
import { classifyPreview, statusOf } from "../../../../workflows/stacks/drift-check/classify.ts";
import { resourceEvent, type ResourceEvent } from "../../../helpers/engine-events.ts";

type Props = Record<string, unknown>;

/** The shopify resource's refresh or step, from `old` to `next`. */
const event = (kind: ResourceEvent["kind"], op: string, old: Props, next: Props) =>
  resourceEvent({ kind, op, name: "shopify", old, new: next });

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
