/**
 * A secret could not be used. The message names the secret (id or ARN), its version and the offending
 * keys: never a value, so it can be shown in previews, logs and CI output.
 */
export class SecretSourceError extends Error {
  override name = "SecretSourceError";
  readonly secretId: string;
  constructor(secretId: string, message: string) {
    super(message);
    this.secretId = secretId;
  }
}
