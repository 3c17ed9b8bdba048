// NOT PART OF THE PUBLIC API: what this repository's own layers (its program, workflows and tests) use of the
// library's insides. May change in any release without notice; a program should import the package root.
export { QardProviderConfigProvider } from "./resource/dynamic-provider.ts";
export { SCHEMA_VERSION } from "./resource/state.ts";
export type { ProviderInputs, ProviderOutputs } from "./resource/state.ts";
export { describeSecretVersion, readSecretJson, readSecretText } from "./secrets/secrets-manager.ts";
export { SecretSourceError } from "./secrets/secret-source-error.ts";
export { conflictingEntriesReason, providerEntries } from "./resource/provider-entries.ts";
export { messageOf } from "./error-message.ts";
export { isRecord } from "./is-record.ts";
