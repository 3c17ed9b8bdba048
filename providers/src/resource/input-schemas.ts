import { z } from "zod";
import { PROVIDER_NAME_HINT, PROVIDER_NAME_PATTERN } from "../provider-name.ts";

// The resource's inputs as zod schemas: `check` validates each field with them, and the program's stack
// config schema derives its own from them (pick/extend), so a rule changed here holds in both.

export const providerNameSchema = z.string().regex(PROVIDER_NAME_PATTERN, `must be ${PROVIDER_NAME_HINT}`);

const credentialValue = z.union([
  z.string().refine((value) => value.trim() !== "", "must not be empty or whitespace"),
  z.boolean(),
]);

/** Credentials by value: Qard's credential keys to strings or booleans. */
export const credentialValuesSchema = z.record(z.string(), credentialValue, {
  error: "must be an object of credential keys to strings or booleans",
});

/** Credentials by reference (see SecretsManagerRef). */
export const secretsManagerRefSchema = z.strictObject({
  secretId: z.string().min(1, "must name a Secrets Manager secret (name or ARN)"),
  region: z.string().min(1).optional(),
  versionStage: z.string().min(1).optional(),
});

export const settingsSchema = z.record(z.string(), z.boolean({ error: "every setting must be a boolean" }));

/** Every input a user may set on a Qard provider configuration, each validated on its own. */
export const providerInputsSchema = z.strictObject({
  providerName: providerNameSchema,
  credentials: credentialValuesSchema,
  credentialsRef: secretsManagerRefSchema,
  settings: settingsSchema,
  enabled: z.boolean({ error: "must be a boolean" }),
  schemaVersion: z.number().int().positive(),
  adoptExisting: z.boolean({ error: "must be a boolean" }),
});
