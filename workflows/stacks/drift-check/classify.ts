import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation/index.js";
import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import { isRecord, isResolvedCredentialField, sameJson } from "@qard-iac/pulumi-qard/internal";

export type FindingKind = "drift" | "config" | "rotation";

/** One property that differs. Values are as the engine reported them; secrets arrive as "[secret]". */
export interface Finding {
  kind: FindingKind;
  /** The Qard provider (the resource's logical name: `shopify`, or `eu/shopify` in an account). */
  provider: string;
  /** The Qard account of `qard:accounts` the provider belongs to; absent in the one-account form. */
  account?: string;
  /** Dotted for settings, e.g. "settings.auto_connect"; "(provider added)" / "(provider removed)". */
  property: string;
  /** drift: the value in state; config/rotation: the value in state after refresh. */
  old?: unknown;
  /** drift: the value live in Qard; config/rotation: the value the stack wants. */
  new?: unknown;
}

const SECRET_PROPERTIES = new Set(["credentials"]);
const CHANGE_OPS = new Set([
  "create",
  "update",
  "replace",
  "create-replacement",
  "delete",
  "delete-replaced",
]);

type Props = Record<string, unknown>;

/** A resource's logical name, the last part of its URN: for a Qard resource, the provider's name. */
export function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Top-level properties compared one by one; `settings` is compared per setting key. */
function changedProperties(old: Props, next: Props): Array<{ property: string; old: unknown; new: unknown }> {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])]
    // The account fingerprint is the provider's record of whose key it used, not a property of Qard.
    .filter((key) => key !== "__provider" && key !== "accountFingerprint")
    .sort();
  const changes: Array<{ property: string; old: unknown; new: unknown }> = [];
  for (const key of keys) {
    if (sameJson(old[key], next[key])) continue;
    if (key === "settings" && isRecord(old[key]) && isRecord(next[key])) {
      changes.push(
        ...changedProperties(old[key], next[key]).map((c) => ({ ...c, property: `settings.${c.property}` })),
      );
    } else if (SECRET_PROPERTIES.has(key)) {
      changes.push({ property: key, old: "[secret]", new: "[secret]" });
    } else {
      changes.push({ property: key, old: old[key], new: next[key] });
    }
  }
  return changes;
}

function stepsOf(events: readonly EngineEvent[]) {
  const refreshes: StepEventMetadata[] = [];
  const changes: StepEventMetadata[] = [];
  for (const event of events) {
    // The refresh step's outputs event carries the state before (old) and after (new) reading Qard.
    const outputs = event.resOutputsEvent?.metadata;
    if (outputs?.type === QARD_PROVIDER_CONFIG_TYPE && outputs.op === "refresh") refreshes.push(outputs);
    const pre = event.resourcePreEvent?.metadata;
    if (pre?.type === QARD_PROVIDER_CONFIG_TYPE && CHANGE_OPS.has(pre.op)) changes.push(pre);
  }
  return { refreshes, changes };
}

/**
 * Classifies what a refresh-preview found, per provider and property:
 * - drift: Qard differs from the state (the refresh read something else);
 * - rotation: a referenced Secrets Manager secret has a new version;
 * - config: the program or stack config differs from the state.
 * An update that only puts a drifted value back is the drift itself, not a config change. The default
 * dynamic provider and the stack's outputs are not findings: any config edit touches them.
 */
export function classifyPreview(events: readonly EngineEvent[]): Finding[] {
  return withAccounts(events, classifySteps(events));
}

/** Each finding tagged with its resource's account, read from the same events (inputs `account`). */
function withAccounts(events: readonly EngineEvent[], findings: Finding[]): Finding[] {
  const accounts = new Map<string, string>();
  const { refreshes, changes } = stepsOf(events);
  for (const step of [...refreshes, ...changes]) {
    const account = step.new?.inputs?.account ?? step.old?.inputs?.account;
    if (typeof account === "string") accounts.set(nameOf(step.urn), account);
  }
  return findings.map((finding) => {
    const account = accounts.get(finding.provider);
    return account === undefined ? finding : { ...finding, account };
  });
}

function classifySteps(events: readonly EngineEvent[]): Finding[] {
  const { refreshes, changes } = stepsOf(events);
  const findings: Finding[] = [];
  const stateBeforeRefresh = new Map<string, Props>();
  for (const step of refreshes) {
    const provider = nameOf(step.urn);
    const before = step.old?.inputs ?? {};
    stateBeforeRefresh.set(step.urn, before);
    for (const change of changedProperties(before, step.new?.inputs ?? {}))
      findings.push({ kind: "drift", provider, ...change });
  }
  for (const step of changes) {
    const provider = nameOf(step.urn);
    if (step.op === "create") {
      findings.push({ kind: "config", provider, property: "(provider added)" });
      continue;
    }
    if (step.op === "delete" || step.op === "delete-replaced") {
      findings.push({ kind: "config", provider, property: "(provider removed)" });
      continue;
    }
    const refreshed = step.old?.inputs ?? {};
    const desired = step.new?.inputs ?? {};
    const before = stateBeforeRefresh.get(step.urn);
    const sameReference = sameJson(refreshed.credentialsRef, desired.credentialsRef);
    const found = findings.length;
    for (const change of changedProperties(refreshed, desired)) {
      if (
        before &&
        sameJson(valueAt(before, change.property), change.new) &&
        !sameJson(valueAt(refreshed, change.property), valueAt(before, change.property))
      ) {
        continue; // restoring drift, already reported
      }
      const kind: FindingKind =
        isResolvedCredentialField(change.property) && sameReference ? "rotation" : "config";
      findings.push({ kind, provider, ...change });
    }
    const accountedFor =
      findings.length > found || findings.some((f) => f.kind === "drift" && f.provider === provider);
    if (!accountedFor) findings.push({ kind: "config", provider, ...unexplainedChange(refreshed, desired) });
  }
  return findings;
}

/**
 * The engine plans a change that no value shown explains, and no drift of this provider accounts for it:
 * still a finding, never "clean". The engine masks secrets as "[secret]" on both sides (and a dynamic
 * provider's diff names no property), so a credential given by value that changed compares equal here
 * although the engine, which sees the values, plans the update. Credentials are the only masked property.
 */
function unexplainedChange(refreshed: Props, desired: Props): Omit<Finding, "kind" | "provider"> {
  if ((refreshed.credentials ?? desired.credentials) !== undefined) {
    return { property: "credentials", old: "[secret]", new: "[secret]" };
  }
  return { property: "(change planned by the engine)" };
}

function valueAt(props: Props, property: string): unknown {
  if (!property.startsWith("settings.")) return props[property];
  const settings = props.settings;
  return isRecord(settings) ? settings[property.slice("settings.".length)] : undefined;
}

export const EXIT_CODES = { clean: 0, error: 1, drift: 2, config: 3, rotation: 4 } as const;
export type DriftStatus = keyof typeof EXIT_CODES;

/** The highest-ranked kind found: rotation (4) over config (3) over drift (2); clean (0) when none. */
export function statusOf(findings: readonly Finding[]): DriftStatus {
  let status: DriftStatus = "clean";
  for (const finding of findings) if (EXIT_CODES[finding.kind] > EXIT_CODES[status]) status = finding.kind;
  return status;
}
