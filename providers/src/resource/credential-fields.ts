// The inputs that carry or locate credentials. Listed once: `check` accepts the resolved ones from old state,
// `update` keeps them together, `diff` compares them, and drift reports tell a rotation from an edit.

/** Set by the user: credentials by value or by Secrets Manager reference. */
export const GIVEN_CREDENTIAL_FIELDS = ["credentials", "credentialsRef"] as const;

/** Resolved by `check` from Secrets Manager, never set by hand: a change means the secret was rotated. */
export const RESOLVED_CREDENTIAL_FIELDS = ["credentialsArn", "credentialsVersionId"] as const;

export const CREDENTIAL_FIELDS = [...GIVEN_CREDENTIAL_FIELDS, ...RESOLVED_CREDENTIAL_FIELDS] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

export function isResolvedCredentialField(property: string): boolean {
  return (RESOLVED_CREDENTIAL_FIELDS as readonly string[]).includes(property);
}
