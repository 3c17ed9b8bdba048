import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameJson } from "../../providers/src/resource/diff.ts";
import { classifyPreview, statusOf } from "../../workflows/stacks/drift-check/classify.ts";
import { configurePropertyRuns } from "../helpers/property-runs.ts";

configurePropertyRuns();

const QARD = "pulumi-nodejs:dynamic/qard:ProviderConfig";
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

let sequence = 0;
function event(
  kind: "resourcePreEvent" | "resOutputsEvent",
  op: string,
  name: string,
  type: string,
  old?: Props,
  next?: Props,
): EngineEvent {
  const urn = `urn:pulumi:prod::qard-iac::${type}::${name}`;
  const state = (inputs: Props) => ({
    type,
    urn,
    id: name,
    parent: "",
    provider: "",
    inputs,
    outputs: inputs,
  });
  return {
    sequence: sequence++,
    timestamp: 0,
    [kind]: {
      metadata: {
        op,
        urn,
        type,
        provider: "",
        ...(old ? { old: state(old) } : {}),
        ...(next ? { new: state(next) } : {}),
      },
    },
  } as unknown as EngineEvent;
}

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
          events.push(event("resourcePreEvent", "update", "default", DEFAULT_PROVIDER, {}, { x: 1 }));
        for (const [name, p] of Object.entries(providers)) {
          const state = p.state;
          // Credentials are write-only: the refresh keeps the ones in state.
          const read = state !== undefined && p.liveIsState ? { ...state } : p.live;
          const live = state?.credentials === undefined ? read : { ...read, credentials: state.credentials };
          const config = p.config === undefined ? undefined : p.configIsLive ? { ...live } : p.config;
          if (state !== undefined)
            events.push(event("resOutputsEvent", "refresh", name, QARD, masked(state), masked(live)));
          if (state === undefined) {
            if (config === undefined) continue;
            events.push(event("resourcePreEvent", "create", name, QARD, undefined, masked(config)));
            agree = false;
          } else if (config === undefined) {
            events.push(event("resourcePreEvent", "delete", name, QARD, masked(live), undefined));
            agree = false;
          } else {
            const same = sameJson(withoutStub(live), withoutStub(config));
            events.push(
              event("resourcePreEvent", same ? "same" : "update", name, QARD, masked(live), masked(config)),
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
