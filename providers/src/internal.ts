// NOT PART OF THE PUBLIC API: what this repository's own layers (its program, policy pack, workflows,
// emulator, benchmarks, scripts and tests) share of the library's insides. May change in any release
// without notice; a program should import the package root, `./qard` or `./rules`.
export { QardProviderConfigProvider } from "./resource/dynamic-provider.ts";
export { SCHEMA_VERSION } from "./resource/state.ts";
export type { ProviderInputs, ProviderOutputs } from "./resource/state.ts";
export { describeSecretVersion, readSecretJson, readSecretText } from "./secrets/secrets-manager.ts";
export { SecretSourceError } from "./secrets/secret-source-error.ts";
export { secretsManagerRefIn } from "./secrets/secrets-manager-ref.ts";
export { conflictingEntriesReason, providerEntries } from "./resource/provider-entries.ts";
export { messageOf } from "./error-message.ts";
export { isRecord } from "./is-record.ts";
export { catalogueEntry } from "./catalogue.ts";
export { isProviderName, PROVIDER_NAME_HINT, PROVIDER_NAME_PATTERN } from "./provider-name.ts";
export { identifierProblem, IDENTIFIER_HINT, quoteRefused } from "./identifier.ts";
export { isPrototypeKey, ownValue } from "./prototype-keys.ts";
export { credentialPayloadProblems } from "./resource/credential-keys.ts";
export { isResolvedCredentialField } from "./resource/credential-fields.ts";
export { isKnownStub, KNOWN_STUB_DIGESTS, stubDigest } from "./resource/provider-stub.ts";
export { sameJson } from "./resource/diff.ts";
export { connectionForAccount } from "./resource/account-connection.ts";
export { accountFingerprint } from "./resource/account-fingerprint.ts";
export { chooseApiKeySource } from "./resource/api-key-source.ts";
export { planWrites, type Write } from "./resource/plan.ts";
export {
  apiUrlFrom,
  connectionConfigFrom,
  resolveConnection,
  type Connection,
} from "./resource/connection.ts";
