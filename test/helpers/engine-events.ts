/**
 * Engine events as `pulumi preview --refresh` streams them to the Automation API, for the tests of the
 * drift classifier: a refresh's result (resOutputsEvent, op "refresh") or a planned step (resourcePreEvent),
 * each with the resource's old and new state as the engine shows them.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";

export const QARD_RESOURCE_TYPE = "pulumi-nodejs:dynamic/qard:ProviderConfig";

type Props = Record<string, unknown>;

export interface ResourceEvent {
  kind: "resourcePreEvent" | "resOutputsEvent";
  op: string;
  name: string;
  /** The resource's type: the Qard resource unless said. */
  type?: string;
  /** The type of a parent component, which the URN then names before the resource's own type. */
  parentType?: string;
  old?: Props;
  new?: Props;
}

let sequence = 0;

export function resourceEvent(event: ResourceEvent): EngineEvent {
  const type = event.type ?? QARD_RESOURCE_TYPE;
  const urn = `urn:pulumi:prod::qard-iac::${event.parentType ? `${event.parentType}$` : ""}${type}::${event.name}`;
  const state = (inputs: Props) => ({
    type,
    urn,
    id: event.name,
    parent: "",
    provider: "",
    inputs,
    outputs: inputs,
  });
  return {
    sequence: sequence++,
    timestamp: 0,
    [event.kind]: {
      metadata: {
        op: event.op,
        urn,
        type,
        provider: "",
        ...(event.old ? { old: state(event.old) } : {}),
        ...(event.new ? { new: state(event.new) } : {}),
      },
    },
  } as unknown as EngineEvent;
}

/** What a refresh read: the state before it and the live values it read. */
export const refreshEvent = (name: string, before: Props, live: Props, parentType?: string): EngineEvent =>
  resourceEvent({
    kind: "resOutputsEvent",
    op: "refresh",
    name,
    old: before,
    new: live,
    ...(parentType ? { parentType } : {}),
  });

/** An update the engine plans, from the refreshed state to the desired one. */
export const updateEvent = (name: string, refreshed: Props, desired: Props): EngineEvent =>
  resourceEvent({ kind: "resourcePreEvent", op: "update", name, old: refreshed, new: desired });
