import { chooseApiKeySource, messageOf } from "@qard-iac/pulumi-qard/internal";
import type { KeySource } from "../stacks/key-source.ts";

/**
 * Each stack must reach Qard with its own key: a promotion checks staging (its last update, a drift check
 * that reads Qard) and previews prod, and neither may ever run with the other's key.
 */

/**
 * What keeps the two stacks from each using a key of its own; [] when nothing does. A stack's own source
 * always wins over QARD_API_KEY (the runtime's rule), so the variable matters only for a stack without one.
 */
export function keySourceProblems(stacks: Readonly<Record<string, KeySource>>): string[] {
  const problems: string[] = [];
  for (const [stack, source] of Object.entries(stacks)) {
    const problem = stackKeyProblem(stack, source);
    if (problem !== undefined) problems.push(problem);
  }
  const bySecret = new Map<string, string[]>();
  for (const [stack, source] of Object.entries(stacks)) {
    if (source.apiKey || source.apiKeySecretId === undefined) continue;
    bySecret.set(source.apiKeySecretId, [...(bySecret.get(source.apiKeySecretId) ?? []), stack]);
  }
  for (const [secretId, sharing] of bySecret) {
    if (sharing.length > 1) {
      problems.push(
        `${sharing.join(" and ")} read their Qard key from the same secret "${secretId}": give each its own`,
      );
    }
  }
  return problems;
}

/** The runtime's choice of key source for this stack, without the environment: none, or ambiguous. */
function stackKeyProblem(stack: string, source: KeySource): string | undefined {
  const file = `Pulumi.${source.account?.stack ?? stack}.yaml`;
  try {
    // Only whether qard:apiKey is set matters here, never its value.
    const config = {
      apiKey: source.apiKey ? "set" : undefined,
      apiKeySecretId: source.apiKeySecretId,
      account: source.account?.name,
    };
    if (chooseApiKeySource(config, {}).kind !== "none") return undefined;
  } catch (error) {
    return `${stack}: ${messageOf(error)} (in ${file})`;
  }
  if (source.account !== undefined) {
    const at = `qard:accounts.${source.account.name}`;
    return `${stack} names no Qard key: set ${at}.apiKeySecretId (or ${at}.apiKey) in ${file}`;
  }
  return (
    `${stack} names no Qard key of its own: set qard:apiKeySecretId (or qard:apiKey) in Pulumi.${stack}.yaml; ` +
    "the QARD_API_KEY fallback would serve every stack alike"
  );
}
