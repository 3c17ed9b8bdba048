/** Where a secret lives in AWS Secrets Manager: what the resource stores and the secret source reads. */
export interface SecretsManagerRef {
  /** Secret name or ARN. */
  secretId: string;
  /** Defaults to the region in the ARN, else the AWS SDK's (AWS_REGION). */
  region?: string;
  /** Which staging label to follow; AWSCURRENT unless set. */
  versionStage?: string;
}
