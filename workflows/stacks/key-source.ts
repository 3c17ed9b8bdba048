/** Where a stack's config says its Qard API key comes from (values never read). */
export interface KeySource {
  /** `qard:apiKey` is set (a secret value in the stack's config). */
  apiKey: boolean;
  /** `qard:apiKeySecretId`: the Secrets Manager secret that holds the key. */
  apiKeySecretId?: string;
  /**
   * Set for an account of `qard:accounts`: the key's settings are then `qard:accounts.<name>.apiKey` and
   * `.apiKeySecretId`, and QARD_API_KEY never applies to it.
   */
  account?: { name: string; stack: string };
}
