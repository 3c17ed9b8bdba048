import { isRecord } from "@qard-iac/pulumi-qard/internal";
/** A rule's level: CrossGuard's enforcement levels. */
export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export interface WeakenedRule {
  rule: string;
  level: string;
}

function levelOf(entry: unknown): unknown {
  // A pack config gives a rule either its level ("disabled") or an object with `enforcementLevel`.
  if (typeof entry === "string") return entry;
  if (isRecord(entry) && "enforcementLevel" in entry) {
    return (entry as { enforcementLevel: unknown }).enforcementLevel;
  }
  return undefined;
}

/**
 * The mandatory rules a pack config makes weaker (advisory or disabled), in the config's order; `all` (the
 * CrossGuard key for every rule) counts for each mandatory rule it weakens.
 */
export function weakenedRules(
  defaults: ReadonlyMap<string, EnforcementLevel>,
  config: Readonly<Record<string, unknown>>,
): WeakenedRule[] {
  const weakened: WeakenedRule[] = [];
  for (const [rule, entry] of Object.entries(config)) {
    const level = levelOf(entry);
    if (level !== "advisory" && level !== "disabled") continue;
    const targets =
      rule === "all"
        ? [...defaults].filter(([, l]) => l === "mandatory").map(([name]) => name)
        : defaults.get(rule) === "mandatory"
          ? [rule]
          : [];
    for (const target of targets) weakened.push({ rule: target, level });
  }
  return weakened;
}
