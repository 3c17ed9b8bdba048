import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { KNOWN_PROVIDERS } from "@qard-iac/pulumi-qard/rules";
import { stackOfUrn, viewOf } from "../qard-resource.ts";

export interface AllowListConfig {
  allowedProviders: string[];
}

/** By default, the providers whose keys Qard documents (the library's catalogue). */
export const DEFAULT_ALLOWED_PROVIDERS = Object.keys(KNOWN_PROVIDERS).sort();

export function allowListViolation(
  providerName: string,
  allowed: readonly string[],
  stack: string,
): string | undefined {
  if (allowed.includes(providerName)) return undefined;
  return (
    `${providerName}: stack "${stack}" configures a provider that is not on the pack's allow-list ` +
    `(${allowed.join(", ")}). Remove qard:providers.${providerName} from Pulumi.${stack}.yaml, or add ` +
    `"${providerName}" to allowedProviders of qard-provider-allow-list in the policy pack config.`
  );
}

export const providerAllowList: ResourceValidationPolicy = {
  name: "qard-provider-allow-list",
  description: "Only Qard providers on the allow-list (pack config allowedProviders) may be configured.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowedProviders: {
        type: "array",
        items: { type: "string" },
        default: DEFAULT_ALLOWED_PROVIDERS,
        description: "Qard provider names that may be configured (default: those Qard documents).",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== QARD_PROVIDER_CONFIG_TYPE) return;
    const allowed = args.getConfig<Partial<AllowListConfig>>().allowedProviders ?? DEFAULT_ALLOWED_PROVIDERS;
    const message = allowListViolation(
      viewOf(args.name, args.props).providerName,
      allowed,
      stackOfUrn(args.urn),
    );
    if (message) reportViolation(message);
  },
};
