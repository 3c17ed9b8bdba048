/**
 * Test-side control of a running emulator: what it received, which faults to inject, which answer shapes
 * to give, and out-of-band changes that simulate drift made outside the API.
 */
import { badRequest, notFound } from "./api-error.ts";
import { parseFaultSpec, type FaultSpec } from "./faults.ts";
import { isRecord } from "./json.ts";
import type { RequestLogEntry } from "./request-log.ts";
import { persist, type EmulatorRuntime } from "./runtime.ts";
import { parseShapes, type AnswerShapes } from "./shapes.ts";
import { initialState } from "./state.ts";

export interface ProviderPatch {
  enabled?: boolean;
  available?: boolean;
  settings?: Record<string, boolean>;
}

export interface EmulatorControl {
  requests(): RequestLogEntry[];
  clearRequests(): void;
  addFault(fault: FaultSpec): void;
  clearFaults(): void;
  setShapes(shapes: Partial<AnswerShapes>): void;
  patchProvider(name: string, patch: ProviderPatch): void;
  /** For test assertions only; no Qard route ever shows credentials. */
  credentialsOf(name: string): Record<string, string | boolean> | undefined;
  reset(): void;
}

/** Validates a patch against the provider's settings; throws a 400 ApiError naming the bad field. */
function parseProviderPatch(settingNames: readonly string[], input: unknown): ProviderPatch {
  if (!isRecord(input)) throw badRequest("A provider patch must be a JSON object.");
  const unknown = Object.keys(input).filter((key) => !["enabled", "available", "settings"].includes(key));
  if (unknown.length > 0) throw badRequest(`Unknown provider patch fields: ${unknown.join(", ")}.`);
  const patch: ProviderPatch = {};
  for (const field of ["enabled", "available"] as const) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== "boolean") throw badRequest(`Provider patch field ${field} must be a boolean.`);
    patch[field] = value;
  }
  if (input.settings !== undefined) {
    const { settings } = input;
    if (!isRecord(settings)) throw badRequest("Provider patch field settings must be an object of booleans.");
    const unknownSettings = Object.keys(settings).filter((name) => !settingNames.includes(name));
    if (unknownSettings.length > 0) throw badRequest(`Unknown settings: ${unknownSettings.join(", ")}.`);
    if (Object.values(settings).some((value) => typeof value !== "boolean")) {
      throw badRequest("Provider patch settings must be booleans.");
    }
    patch.settings = settings as Record<string, boolean>;
  }
  return patch;
}

export function createControl(runtime: EmulatorRuntime): EmulatorControl {
  return {
    requests: () => runtime.log.entries(),
    clearRequests: () => runtime.log.clear(),
    addFault: (fault) => runtime.faults.add(parseFaultSpec(fault)),
    clearFaults: () => runtime.faults.clear(),
    setShapes: (shapes) => {
      runtime.shapes = { ...runtime.shapes, ...parseShapes(shapes) };
    },
    patchProvider: (name, patch) => {
      const definition = runtime.catalogue.find(name);
      const current = runtime.state.providers[name];
      if (definition === undefined || current === undefined) throw notFound(`Provider ${name} not found.`);
      const valid = parseProviderPatch(definition.settings, patch);
      // Drift is whatever Qard's side did: no rule applies (a provider may become enabled without credentials).
      if (valid.enabled !== undefined) current.enabled = valid.enabled;
      if (valid.available !== undefined) current.available = valid.available;
      Object.assign(current.settings, valid.settings);
      persist(runtime);
    },
    credentialsOf: (name) => {
      const credentials = runtime.state.providers[name]?.credentials;
      return credentials === undefined ? undefined : { ...credentials };
    },
    reset: () => {
      runtime.state = initialState(runtime.catalogue);
      runtime.shapes = { ...runtime.initialShapes };
      runtime.log.clear();
      runtime.faults.clear();
      persist(runtime);
    },
  };
}
