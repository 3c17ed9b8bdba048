// A pack config (`--policy-pack-config`) can lower a rule's enforcement level, even turn a mandatory rule
// off, and the engine says nothing about it. The pipelines run this check on the config they pass, so a
// weakened rule shows as a warning in the run, besides CODEOWNERS' review of policy/.

const RANK = { disabled: 0, advisory: 1, remediate: 2, mandatory: 2 } as const;
type Level = keyof typeof RANK;

export interface RuleDefault {
  name: string;
  enforcementLevel?: string;
}

function levelIn(entry: unknown): unknown {
  if (typeof entry === "string") return entry;
  if (typeof entry === "object" && entry !== null && "enforcementLevel" in entry)
    return entry.enforcementLevel;
  return undefined;
}

function isLevel(value: unknown): value is Level {
  return typeof value === "string" && Object.hasOwn(RANK, value);
}

/**
 * One line per rule the config sets below its default level, and per entry that cannot be read (an unknown
 * rule or level would otherwise be a typo that silently changes nothing). Pure.
 */
export function weakenedRules(rules: readonly RuleDefault[], config: unknown): string[] {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    return ["the policy pack config is not a JSON object"];
  }
  const entries = config as Record<string, unknown>;
  const problems: string[] = [];
  const known = new Set(rules.map((rule) => rule.name));
  for (const key of Object.keys(entries)) {
    if (key !== "all" && !known.has(key)) problems.push(`"${key}" is not a rule of the pack`);
  }
  for (const rule of rules) {
    const given = Object.hasOwn(entries, rule.name) ? levelIn(entries[rule.name]) : levelIn(entries.all);
    if (given === undefined) continue;
    const fallback = rule.enforcementLevel ?? "advisory";
    if (!isLevel(given) || !isLevel(fallback)) {
      problems.push(`${rule.name}: enforcement level ${JSON.stringify(given)} is not one the engine knows`);
    } else if (RANK[given] < RANK[fallback]) {
      problems.push(`${rule.name} is ${fallback} in the pack but set to ${given} by the config`);
    }
  }
  return problems;
}
