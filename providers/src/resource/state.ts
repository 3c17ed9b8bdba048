// The plain shapes the dynamic provider stores. Inputs are what `check` returns; outputs are inputs plus
// what Qard and Secrets Manager told us. Every output key is listed so `diff` compares an explicit list.

import type { SecretsManagerRef } from "../secrets/secrets-manager-ref.ts";
import { CREDENTIAL_FIELDS } from "./credential-fields.ts";

export type { SecretsManagerRef };

export type CredentialValue = string | boolean;

export interface ProviderInputs {
  providerName: string;
  /**
   * The Qard account this configuration belongs to, by name: its URL and key source are the stack's
   * `qard:accounts.<account>` (never stored here). Absent: the stack's default connection. Changing it
   * replaces the resource (another account's provider is another object).
   */
  account?: string;
  /**
   * The fingerprint of the account this resource was last applied to (see account-fingerprint.ts), in the
   * one-account form as for a named account; set by `check` and `read`, never by hand. A key pointing
   * elsewhere is refused.
   */
  accountFingerprint?: string;
  /** By value: the credential JSON Qard expects. Secret in state. */
  credentials?: Record<string, CredentialValue>;
  /** By reference: a Secrets Manager secret whose JSON payload holds the credential keys. */
  credentialsRef?: SecretsManagerRef;
  /** Resolved by `check` from Secrets Manager: a rotation changes it, so preview shows the update. */
  credentialsArn?: string;
  credentialsVersionId?: string;
  settings: Record<string, boolean>;
  enabled: boolean;
  schemaVersion: number;
  /**
   * False refuses to take over a provider already enabled in Qard (the create fails before any write).
   * Absent means allowed: adoption is how an existing account comes under management. Not diffed.
   */
  adoptExisting?: boolean;
}

export type CredentialsSource = "value" | "secretsManager" | "none";

export interface ProviderOutputs extends ProviderInputs {
  credentialsSource: CredentialsSource;
  /** Last seen from Qard: false means Qard will refuse to enable the provider. */
  available: boolean;
}

/** The provider implementation generation. Bump it with any change to stored state or behaviour. */
export const SCHEMA_VERSION = 1;

export function credentialsSourceOf(
  inputs: Pick<ProviderInputs, "credentials" | "credentialsRef">,
): CredentialsSource {
  if (inputs.credentialsRef) return "secretsManager";
  if (inputs.credentials) return "value";
  return "none";
}

/** The inputs part of stored outputs: what `read` hands back as inputs so drift shows as a diff. */
export function inputsOf(outputs: ProviderOutputs): ProviderInputs {
  const inputs: ProviderInputs = {
    providerName: outputs.providerName,
    settings: outputs.settings,
    enabled: outputs.enabled,
    schemaVersion: outputs.schemaVersion,
  };
  if (outputs.account !== undefined) inputs.account = outputs.account;
  if (outputs.accountFingerprint !== undefined) inputs.accountFingerprint = outputs.accountFingerprint;
  for (const field of CREDENTIAL_FIELDS) {
    if (outputs[field] !== undefined) Object.assign(inputs, { [field]: outputs[field] });
  }
  return inputs;
}
