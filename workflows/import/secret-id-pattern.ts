/** `--secret-id-pattern`: the Secrets Manager name each imported provider's credentials reference. */

export const DEFAULT_SECRET_ID_PATTERN = "qard/{stack}/{provider}";

const PLACEHOLDERS = ["{stack}", "{provider}"] as const;

/**
 * Why a pattern cannot be used, or undefined. Without `{provider}` every provider would share one secret,
 * whose keys could not fit more than one of them.
 */
export function secretIdPatternProblem(pattern: string): string | undefined {
  if (!pattern.includes("{provider}"))
    return `--secret-id-pattern must contain {provider} (each provider needs its own secret), got "${pattern}"`;
  const unknown = pattern
    .replaceAll("{stack}", "")
    .replaceAll("{provider}", "")
    .match(/\{[^}]*\}/);
  if (unknown) {
    return `--secret-id-pattern: unknown placeholder ${unknown[0]}; only ${PLACEHOLDERS.join(" and ")} are replaced`;
  }
  return undefined;
}

export function secretIdFor(pattern: string, stack: string, provider: string): string {
  return pattern.replaceAll("{stack}", stack).replaceAll("{provider}", provider);
}
