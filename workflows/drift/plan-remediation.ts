import type { Finding } from "./classify.ts";

/** What a stack may let `npm run drift -- --remediate` put back on its own (`qard:driftRemediation`). */
export const REMEDIABLE_CLASSES = ["enabled", "settings"] as const;
export type RemediableClass = (typeof REMEDIABLE_CLASSES)[number];

export interface RemediationPlan {
  /** Providers whose every finding is drift the stack allows to repair: an up of each puts them back. */
  repair: Map<string, Finding[]>;
  /** Everything else, left for review with the reason. */
  left: { finding: Finding; reason: string }[];
}

/** Why this one finding may not be repaired unattended, or undefined when it may. */
function refusal(finding: Finding, allowed: ReadonlySet<RemediableClass>): string | undefined {
  if (finding.kind !== "drift") return `a ${finding.kind} finding is applied by a reviewed \`pulumi up\``;
  if (finding.property === "enabled") {
    // Repairing puts back the state's value (old); a provider the state has disabled is never disabled here.
    if (finding.old !== true) return "disabling a provider is never remediated";
    return allowed.has("enabled") ? undefined : "qard:driftRemediation does not allow enabled";
  }
  if (finding.property.startsWith("settings.")) {
    return allowed.has("settings") ? undefined : "qard:driftRemediation does not allow settings";
  }
  return `${finding.property} is never remediated`;
}

/**
 * Which drift an unattended run repairs: a provider only when every finding about it is allowed drift, since
 * an up of a provider applies all of its differences at once (a pending config change would ride along).
 */
export function planRemediation(
  findings: readonly Finding[],
  allowed: ReadonlySet<RemediableClass>,
): RemediationPlan {
  const byProvider = new Map<string, Finding[]>();
  for (const finding of findings)
    byProvider.set(finding.provider, [...(byProvider.get(finding.provider) ?? []), finding]);
  const plan: RemediationPlan = { repair: new Map(), left: [] };
  for (const [provider, found] of byProvider) {
    const reasons = found.map((finding) => refusal(finding, allowed));
    if (reasons.every((reason) => reason === undefined)) {
      plan.repair.set(provider, found);
      continue;
    }
    const blocker = reasons.find((reason) => reason !== undefined) ?? "";
    found.forEach((finding, i) => {
      plan.left.push({ finding, reason: reasons[i] ?? `another finding of ${provider}: ${blocker}` });
    });
  }
  return plan;
}
