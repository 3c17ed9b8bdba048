// The rules a Pulumi program or a policy pack applies to the same inputs the resource validates, so that
// all of them accept and refuse the same things. Each is defined once, in the module it names. A public
// contract: documented in providers/README.md ("The rules"); removing a name is a breaking change.
export { QARD_PROVIDER_CONFIG_TYPE } from "./resource/resource-type.ts";
export { KNOWN_PROVIDERS, type CatalogueEntry, type CredentialType } from "./catalogue.ts";
export { apiUrlProblem, checkApiUrl, type ApiUrlCheck } from "./qard/api-url.ts";
export {
  accountNameSchema,
  credentialValuesSchema,
  providerInputsSchema,
  providerNameSchema,
  secretsManagerRefSchema,
} from "./resource/input-schemas.ts";
export { FINGERPRINT_PATTERN } from "./resource/account-fingerprint.ts";
export { PROTOTYPE_KEY_REASON, prototypeKeyPaths } from "./prototype-keys.ts";
export { neutralizeOutput } from "./neutralize-output.ts";
