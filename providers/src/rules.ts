// The library's rules that the repo's own layers (program, policy pack, workflows, emulator) apply too,
// each defined once in the module it names. Not part of the resource API: a subpath of its own, so the
// root export stays what a Pulumi program needs.
export { catalogueEntry, KNOWN_PROVIDERS, type CatalogueEntry, type CredentialType } from "./catalogue.ts";
export { isRecord } from "./is-record.ts";
export { secretsManagerRefIn } from "./secrets/secrets-manager-ref.ts";
export { isProviderName, PROVIDER_NAME_HINT, PROVIDER_NAME_PATTERN } from "./provider-name.ts";
export {
  identifierProblem,
  isIdentifier,
  IDENTIFIER_HINT,
  IDENTIFIER_PATTERN,
  quoteRefused,
} from "./identifier.ts";
export { isPrototypeKey, ownValue, PROTOTYPE_KEY_REASON, prototypeKeyPaths } from "./prototype-keys.ts";
export { neutralizeOutput } from "./neutralize-output.ts";
export {
  apiUrlProblem,
  checkApiUrl,
  isLoopbackHost,
  isSecureApiUrl,
  PLAIN_HTTP_HOSTS,
  type ApiUrlCheck,
} from "./qard/api-url.ts";
export {
  accountNameSchema,
  credentialValuesSchema,
  providerInputsSchema,
  providerNameSchema,
  secretsManagerRefSchema,
  settingsSchema,
} from "./resource/input-schemas.ts";
export { credentialKeyProblems, credentialPayloadProblems } from "./resource/credential-keys.ts";
export {
  CREDENTIAL_FIELDS,
  isResolvedCredentialField,
  RESOLVED_CREDENTIAL_FIELDS,
  type CredentialField,
} from "./resource/credential-fields.ts";
export { QARD_PROVIDER_CONFIG_TYPE } from "./resource/resource-type.ts";
export { isKnownStub, KNOWN_STUB_DIGESTS, stubDigest } from "./resource/provider-stub.ts";
export { unknownSettingsProblem } from "./resource/unknown-settings.ts";
export { sameJson } from "./resource/diff.ts";
export { connectionForAccount, UnknownAccountError } from "./resource/account-connection.ts";
export { accountFingerprint, FINGERPRINT_PATTERN } from "./resource/account-fingerprint.ts";
export { chooseApiKeySource, type ApiKeySource } from "./resource/api-key-source.ts";
export { planWrites, type Write } from "./resource/plan.ts";
export {
  apiUrlFrom,
  connectionConfigFrom,
  DEFAULT_API_URL,
  resolveConnection,
  type Connection,
  type ConnectionConfig,
} from "./resource/connection.ts";
