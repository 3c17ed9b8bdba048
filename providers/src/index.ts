// The public API: what a Pulumi program needs to declare Qard providers. The Qard client is
// `@qard-iac/pulumi-qard/qard`, the shared checks `@qard-iac/pulumi-qard/rules`; the rest is internal.
export { QardProviderConfig, isSecretsManagerCredentials } from "./resource/qard-provider-config.ts";
export type {
  QardProviderConfigArgs,
  CredentialValues,
  SecretsManagerCredentials,
} from "./resource/qard-provider-config.ts";
export { QardAccount, QARD_ACCOUNT_TYPE } from "./resource/qard-account.ts";
export type { QardAccountArgs, QardAccountProviderArgs } from "./resource/qard-account.ts";
export { ShopifyProvider } from "./resource/shopify-provider.ts";
export type { ShopifyProviderArgs } from "./resource/shopify-provider.ts";
export type { CredentialsSource } from "./resource/state.ts";
export type { SecretsManagerRef } from "./secrets/secrets-manager-ref.ts";
