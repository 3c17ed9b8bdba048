import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema.js";
import { isRecord } from "@qard-iac/pulumi-qard/internal";

/**
 * What the rules need of a QardProviderConfig's inputs. Credential values are never copied here: only
 * whether they are given by value and under which keys, so no message can quote one.
 */
export interface QardResourceView {
  providerName: string;
  /** The account of `qard:accounts` the provider belongs to; absent in the one-account form. */
  account?: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  /** Keys of credentials given by value (empty when none or by reference). */
  valueCredentialKeys: string[];
  byReference: boolean;
}

export function viewOf(resourceName: string, props: Record<string, unknown>): QardResourceView {
  const credentials = props.credentials;
  const settings = props.settings;
  return {
    providerName: typeof props.providerName === "string" ? props.providerName : resourceName,
    ...(typeof props.account === "string" ? { account: props.account } : {}),
    // Absent means the default (enabled); only an explicit false disables.
    enabled: props.enabled !== false,
    settings: isRecord(settings) ? settings : {},
    valueCredentialKeys: isRecord(credentials) ? Object.keys(credentials).sort() : [],
    byReference: isRecord(props.credentialsRef),
  };
}

/**
 * How rules and allowances name a provider: `shopify`, or `eu/shopify` for one of account eu, so an
 * allowance given for one account never covers the same provider in another.
 */
export function qualifiedName(view: Pick<QardResourceView, "providerName" | "account">): string {
  return view.account === undefined ? view.providerName : `${view.account}/${view.providerName}`;
}

/** The stack name in a URN: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function stackOfUrn(urn: string): string {
  return urn.slice("urn:pulumi:".length).split("::")[0] ?? "";
}

/** Pack config shared by the production-only rules (each Pulumi policy has its own config). */
export interface ProductionConfig {
  productionStacks: string[];
}

export const DEFAULT_PRODUCTION_STACKS = ["prod*"];

export const productionStacksSchema: PolicyConfigJSONSchema = {
  type: "array",
  items: { type: "string" },
  default: DEFAULT_PRODUCTION_STACKS,
  description: "Stack names that count as production; `*` matches any characters (default: prod*).",
};

/** True when the stack name matches one of the patterns, where `*` stands for any characters. */
export function isProductionStack(stackName: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => globToRegExp(pattern).test(stackName));
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`);
}
