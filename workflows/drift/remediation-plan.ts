import type { Deployment } from "@pulumi/pulumi/automation/index.js";
import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import { storedResources } from "../stacks/stored-providers.ts";
import { nameOf, type Finding } from "../stacks/drift-check/classify.ts";
import { RemediationAllowanceError } from "./remediation-allowance-error.ts";

/** The drift classes a stack may let `npm run drift -- --remediate` repair (`qard:driftRemediation`). */
export type RemediationClass = "enabled" | "settings";

const CLASSES: readonly RemediationClass[] = ["enabled", "settings"];
export const REMEDIATION_CONFIG_KEY = "qard:driftRemediation";

/**
 * Reads `qard:driftRemediation` (absent: nothing is repaired). Credentials and disabling are never
 * repairable, so naming them (or anything else) is a configuration error naming the key
 * (RemediationAllowanceError).
 */
export function parseRemediationAllowance(value: unknown): RemediationClass[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new RemediationAllowanceError(
      `${REMEDIATION_CONFIG_KEY} must be a list of ${CLASSES.join(", ")} (or absent)`,
    );
  }
  const wrong = value.filter((entry) => !CLASSES.includes(entry as RemediationClass));
  if (wrong.length > 0) {
    throw new RemediationAllowanceError(
      `${REMEDIATION_CONFIG_KEY} accepts only ${CLASSES.join(", ")}; ${wrong.map(String).join(", ")} cannot ` +
        "be repaired unattended (credentials and disabling always wait for review)",
    );
  }
  return [...new Set(value as RemediationClass[])];
}

export interface RemediationPlan {
  /** Providers an unattended `up` may touch: every finding on them is repairable. */
  providers: string[];
  repair: Finding[];
  leave: Finding[];
}

function classOf(finding: Finding): RemediationClass | undefined {
  if (finding.kind !== "drift") return undefined;
  // Only re-enabling: Qard turned it off, the stack wants it on. The other way round would disable.
  if (finding.property === "enabled")
    return finding.old === true && finding.new === false ? "enabled" : undefined;
  if (finding.property.startsWith("settings.")) return "settings";
  return undefined;
}

/**
 * Which findings an unattended repair may fix. An `up` of a provider applies everything pending on it, so a
 * provider with any other finding (credentials, config, rotation, a disabled class) is left whole.
 */
export function planRemediation(
  findings: readonly Finding[],
  allowed: readonly RemediationClass[],
): RemediationPlan {
  const repairable = (finding: Finding) => {
    const kind = classOf(finding);
    return kind !== undefined && allowed.includes(kind);
  };
  const providers = [...new Set(findings.map((finding) => finding.provider))].filter((provider) =>
    findings.filter((finding) => finding.provider === provider).every(repairable),
  );
  const chosen = (finding: Finding) => providers.includes(finding.provider);
  return { providers, repair: findings.filter(chosen), leave: findings.filter((f) => !chosen(f)) };
}

/** What an `up --target` of these providers names: the URNs of their Qard resources in the given state. */
export function remediationTargets(state: Deployment, providers: readonly string[]): string[] {
  const urns = storedResources(state)
    .filter((resource) => resource.type === QARD_PROVIDER_CONFIG_TYPE)
    .map((resource) => String(resource.urn))
    .filter((urn) => providers.includes(nameOf(urn)));
  return [...new Set(urns)];
}
