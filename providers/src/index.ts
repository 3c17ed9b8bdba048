export { QardProviderConfig, isSecretsManagerCredentials } from "./resource/qard-provider-config.ts";
export type {
  QardProviderConfigArgs,
  CredentialValues,
  SecretsManagerCredentials,
} from "./resource/qard-provider-config.ts";
export { ShopifyProvider } from "./resource/shopify-provider.ts";
export type { ShopifyProviderArgs } from "./resource/shopify-provider.ts";
export { QardProviderConfigProvider } from "./resource/dynamic-provider.ts";
export { SCHEMA_VERSION } from "./resource/state.ts";
export type { CredentialsSource, ProviderInputs, ProviderOutputs } from "./resource/state.ts";
export type { SecretsManagerRef } from "./secrets/secrets-manager-ref.ts";
export { KNOWN_PROVIDERS, catalogueEntry } from "./catalogue.ts";
export type { CatalogueEntry, CredentialType } from "./catalogue.ts";
export { describeSecretVersion, readSecretJson, readSecretText } from "./secrets/secrets-manager.ts";
export { SecretSourceError } from "./secrets/secret-source-error.ts";
