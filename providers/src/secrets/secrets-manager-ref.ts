import { isRecord } from "../is-record.ts";

/** Where a secret lives in AWS Secrets Manager: what the resource stores and the secret source reads. */
export interface SecretsManagerRef {
  /** Secret name or ARN. */
  secretId: string;
  /** Defaults to the region in the ARN, else the AWS SDK's (AWS_REGION). */
  region?: string;
  /** Which staging label to follow; AWSCURRENT unless set. */
  versionStage?: string;
}

/**
 * The reference in credentials given as `{ secretsManager: { secretId, ... } }` (stack config, resource
 * args), or undefined when they are values or absent. Only the shape: the finer checks (empty
 * names, unknown keys) are `check`'s and the stack config's.
 */
export function secretsManagerRefIn(credentials: unknown): SecretsManagerRef | undefined {
  if (!isRecord(credentials) || !isRecord(credentials.secretsManager)) return undefined;
  const ref = credentials.secretsManager;
  return typeof ref.secretId === "string" ? (ref as unknown as SecretsManagerRef) : undefined;
}
