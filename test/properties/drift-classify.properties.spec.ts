import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameJson } from "../../providers/src/resource/diff.ts";
import { classifyPreview, statusOf } from "../../workflows/stacks/drift-check/classify.ts";
import { QARD_RESOURCE_TYPE as QARD, resourceEvent } from "../helpers/engine-events.ts";
import { configurePropertyRuns } from "../helpers/property-runs.ts";

configurePropertyRuns();

const DEFAULT_PROVIDER = "pulumi:providers:pulumi-nodejs";
const NAMES = ["shopify", "company_legal_fr", "comply_cube"];
type Props = Record<string, unknown>;

/** One provider's properties as stored in state; small domains so that equal values are frequent. */
const props = (name: string): fc.Arbitrary<Props> =>
  fc
    .record(
      {
        enabled: fc.boolean(),
        settings: fc.dictionary(fc.constantFrom("auto_connect", "officers_check"), fc.boolean(), {
          maxKeys: 2,
        }),
        credentialsVersionId: fc.constantFrom("v1", "v2"),
        // Credentials by value: secret, so the engine's events show "[secret]" whatever the value.
        credentials: fc.constantFrom("value-1", "value-2"),
        __provider: fc.constantFrom("stub-1", "stub-2"),
      },
      { requiredKeys: ["enabled", "settings", "credentials"] },
    )
    .map((p) => ({ providerName: name, ...p }));

/** Per provider: in state or not, what the refresh read, in config or not. */
const scenario = fc.record(
  Object.fromEntries(
    NAMES.map((name) => [
      name,
      fc.record({
        state: fc.option(props(name), { nil: undefined }),
        live: props(name),
        config: fc.option(props(name), { nil: undefined }),
        liveIsState: fc.boolean(),
        configIsLive: fc.boolean(),
      }),
    ]),
  ),
);
const configTouched = fc.boolean();

const withoutStub = ({ __provider: _stub, ...rest }: Props): Props => rest;
/** A state as the engine's events show it: secret values masked. */
const masked = (props: Props): Props =>
  props.credentials === undefined ? props : { ...props, credentials: "[secret]" };

describe("drift classification of a refresh-preview", () => {
  it('is "clean" exactly when the state, what the refresh read and the config all agree', () => {
    fc.assert(
      fc.property(scenario, configTouched, (providers, touched) => {
        const events: EngineEvent[] = [];
        let agree = true;
        // Any stack config edit updates the default dynamic provider: never a finding by itself.
        if (touched)
          events.push(
            resourceEvent({
              kind: "resourcePreEvent",
              op: "update",
              name: "default",
              type: DEFAULT_PROVIDER,
              old: {},
              new: { x: 1 },
            }),
          );
        for (const [name, p] of Object.entries(providers)) {
          const state = p.state;
          // Credentials are write-only: the refresh keeps the ones in state.
          const read = state !== undefined && p.liveIsState ? { ...state } : p.live;
          const live = state?.credentials === undefined ? read : { ...read, credentials: state.credentials };
          const config = p.config === undefined ? undefined : p.configIsLive ? { ...live } : p.config;
          if (state !== undefined)
            events.push(
              resourceEvent({
                kind: "resOutputsEvent",
                op: "refresh",
                name,
                type: QARD,
                old: masked(state),
                new: masked(live),
              }),
            );
          if (state === undefined) {
            if (config === undefined) continue;
            events.push(
              resourceEvent({
                kind: "resourcePreEvent",
                op: "create",
                name,
                type: QARD,
                new: masked(config),
              }),
            );
            agree = false;
          } else if (config === undefined) {
            events.push(
              resourceEvent({ kind: "resourcePreEvent", op: "delete", name, type: QARD, old: masked(live) }),
            );
            agree = false;
          } else {
            const same = sameJson(withoutStub(live), withoutStub(config));
            events.push(
              resourceEvent({
                kind: "resourcePreEvent",
                op: same ? "same" : "update",
                name,
                type: QARD,
                old: masked(live),
                new: masked(config),
              }),
            );
            agree &&= same && sameJson(withoutStub(state), withoutStub(live));
          }
        }
        expect(statusOf(classifyPreview(events)) === "clean").toBe(agree);
      }),
      // Cheap, and a hidden difference in one of three providers needs many runs to come up.
      { numRuns: 2000 },
    );
  });
});
