import { z } from "zod";
import { identifierProblem } from "../identifier.ts";
import { isProviderName, PROVIDER_NAME_HINT } from "../provider-name.ts";
import type { SecretsManagerRef } from "../secrets/secrets-manager-ref.ts";
import {
  credentialValuesRule,
  FIELD_RULES,
  secretsManagerRefRule,
  settingsRule,
  type FieldRule,
} from "./input-fields.ts";

// The resource's input rules (input-fields.ts) as zod schemas, for the program's stack config schema,
// which derives its own from them (pick/extend): a rule changed there holds in both. The runtime never
// loads this file, so `check` stays free of zod.

/** A zod schema of type T that reports a rule's problems at their paths. */
function schemaOf<T>(rule: FieldRule) {
  return z
    .custom<T>(() => true)
    .superRefine((value, ctx) => {
      for (const problem of rule(value)) {
        ctx.addIssue({ code: "custom", message: problem.message, path: problem.path, input: value });
      }
    });
}

// A record key schema must be a string schema: the same pattern and message as the rule's.
export const providerNameSchema = z.string().refine(isProviderName, `must be ${PROVIDER_NAME_HINT}`);

/** A key of `qard:accounts`, and the `account` input: the one identifier rule. */
export const accountNameSchema = z.string().superRefine((value, ctx) => {
  const message = identifierProblem(value);
  if (message !== undefined) ctx.addIssue({ code: "custom", message });
});

/** Credentials by value: Qard's credential keys to strings or booleans. */
export const credentialValuesSchema = schemaOf<Record<string, string | boolean>>(credentialValuesRule);

/** Credentials by reference (see SecretsManagerRef). */
export const secretsManagerRefSchema = schemaOf<SecretsManagerRef>(secretsManagerRefRule);

export const settingsSchema = schemaOf<Record<string, boolean>>(settingsRule);

/** Every input a user may set on a Qard provider configuration, each validated on its own. */
export const providerInputsSchema = z.strictObject({
  providerName: providerNameSchema,
  account: schemaOf<string>(FIELD_RULES.account),
  credentials: credentialValuesSchema,
  credentialsRef: secretsManagerRefSchema,
  settings: settingsSchema,
  enabled: schemaOf<boolean>(FIELD_RULES.enabled),
  schemaVersion: schemaOf<number>(FIELD_RULES.schemaVersion),
  adoptExisting: schemaOf<boolean>(FIELD_RULES.adoptExisting),
});
