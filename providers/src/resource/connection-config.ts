// The connection settings as the provider's `configure` reads them: types only, in a file of their own so
// the files that read them (connection, accounts, key source) depend on this one and not on each other.

/**
 * One named account of `qard:accounts` as the provider's `configure` reads it (secrets decrypted). A
 * resource names its account by name only (`account` input): the URL and the key's source stay here, in
 * the stack config, so neither a key nor where to fetch one is ever copied into a resource's state.
 */
export interface AccountConnectionConfig {
  apiUrl?: string;
  apiKey?: string;
  apiKeySecretId?: string;
  /** The account's pinned fingerprint (see account-fingerprint.ts). */
  fingerprint?: string;
}

/** Qard connection settings as the provider's `configure` received them (stack config, secrets decrypted). */
export interface ConnectionConfig {
  apiUrl?: string;
  apiKey?: string;
  apiKeySecretId?: string;
  /**
   * Set on the connection of a named account (see account-connection.ts): its settings are
   * `qard:accounts.<account>.*`, and the QARD_API_URL / QARD_API_KEY variables do not apply to it.
   */
  account?: string;
  /** The pinned fingerprint: `qard:fingerprint`, or a named account's `qard:accounts.<account>.fingerprint`. */
  fingerprint?: string;
  /** The named accounts of `qard:accounts`, for resources that name one. */
  accounts?: Record<string, AccountConnectionConfig>;
  /** Why `qard:accounts` could not be read, told to a resource that names an account. */
  accountsProblem?: string;
}
