/** `--secret-id-pattern`: the Secrets Manager name each imported provider's credentials reference. */

export const DEFAULT_SECRET_ID_PATTERN = "qard/{stack}/{provider}";

/** With --account: one provider can be in several accounts, each with its own credentials. */
export const DEFAULT_ACCOUNT_SECRET_ID_PATTERN = "qard/{stack}/{account}/{provider}";

const PLACEHOLDERS = ["{stack}", "{account}", "{provider}"] as const;

/**
 * Why a pattern cannot be used, or undefined. Without `{provider}` every provider would share one secret,
 * whose keys could not fit more than one of them.
 */
export function secretIdPatternProblem(pattern: string, withAccount = false): string | undefined {
  if (!pattern.includes("{provider}"))
    return `--secret-id-pattern must contain {provider} (each provider needs its own secret), got "${pattern}"`;
  if (!withAccount && pattern.includes("{account}"))
    return `--secret-id-pattern uses {account}: give the account with --account`;
  const unknown = pattern
    .replaceAll("{stack}", "")
    .replaceAll("{account}", "")
    .replaceAll("{provider}", "")
    .match(/\{[^}]*\}/);
  if (unknown) {
    return `--secret-id-pattern: unknown placeholder ${unknown[0]}; only ${PLACEHOLDERS.join(", ")} are replaced`;
  }
  return undefined;
}

export function secretIdFor(pattern: string, stack: string, provider: string, account = ""): string {
  return pattern
    .replaceAll("{stack}", stack)
    .replaceAll("{account}", account)
    .replaceAll("{provider}", provider);
}
