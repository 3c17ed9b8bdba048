import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { lastDeployment, previousInputsOf } from "../previous-inputs.ts";
import { productionStackOf } from "../production-scope.ts";
import { isRecord, ownValue } from "@qard-iac/pulumi-qard/internal";
import { productionStacksSchema, viewOf } from "../qard-resource.ts";

export interface SettingChange {
  key: string;
  from: unknown;
  to: unknown;
}

/** Settings whose value differs from the deployed one; a setting no longer listed is left as it is in Qard. */
export function settingChanges(
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
): SettingChange[] {
  return Object.keys(next)
    .sort()
    .filter((key) => ownValue(previous, key) !== next[key])
    .map((key) => ({ key, from: ownValue(previous, key), to: next[key] }));
}

export function settingChangeMessage(providerName: string, change: SettingChange, stack: string): string {
  const from = change.from === undefined ? "(not managed)" : JSON.stringify(change.from);
  return (
    `${providerName}: production stack "${stack}" changes settings.${change.key}: ${from} → ${JSON.stringify(change.to)}. ` +
    `Check that this is the reviewed change (qard:providers.${providerName} in Pulumi.${stack}.yaml); ` +
    `nothing to do if it is.`
  );
}

export const productionSettingChange: ResourceValidationPolicy = {
  name: "qard-production-setting-change",
  description: "Reports every change of a managed Qard setting in production, with its old and new value.",
  enforcementLevel: "advisory",
  configSchema: { properties: { productionStacks: productionStacksSchema } },
  validateResource: async (args, reportViolation) => {
    if (args.type !== QARD_PROVIDER_CONFIG_TYPE) return;
    const stack = productionStackOf(args);
    if (stack === undefined) return;
    const view = viewOf(args.name, args.props);
    const deployment = await lastDeployment();
    if (deployment instanceof Error) {
      reportViolation(
        `${view.providerName}: cannot compare settings with the deployed ones in production stack "${stack}" ` +
          `(pulumi stack export failed: ${deployment.message}). Review the preview's settings diff instead.`,
      );
      return;
    }
    const previous = previousInputsOf(deployment, args.urn);
    // A provider not deployed yet is a creation, which the preview shows; this rule is about changes.
    if (previous === undefined) return;
    const previousSettings = isRecord(previous.settings) ? previous.settings : {};
    for (const change of settingChanges(previousSettings, view.settings)) {
      reportViolation(settingChangeMessage(view.providerName, change, stack));
    }
  },
};
