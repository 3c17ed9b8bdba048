import * as pulumi from "@pulumi/pulumi";
import {
  apiUrlProblem,
  credentialValuesSchema,
  isRecord,
  neutralizeOutput,
  quoteRefused,
  PROTOTYPE_KEY_REASON,
  prototypeKeyPaths,
  providerInputsSchema,
  providerNameSchema,
  secretsManagerRefSchema,
} from "@qard-iac/pulumi-qard/rules";
import type { SecretsManagerRef } from "@qard-iac/pulumi-qard";
import { z } from "zod";

/** A stack's `qard:*` configuration, validated before any resource is declared. */
export interface StackConfig {
  apiUrl?: string;
  providers: Record<string, ProviderStackConfig>;
  manageSecrets: boolean;
  secretsKmsKeyId?: string;
  secretTags: Record<string, string>;
}

export interface ProviderStackConfig {
  enabled: boolean;
  settings: Record<string, boolean>;
  credentials?: { secretsManager: SecretsManagerRef } | z.infer<typeof credentialValuesSchema>;
  retainOnDelete?: boolean;
  protect?: boolean;
  /** false: refuse to take over the provider if it is already enabled in Qard. */
  adopt?: boolean;
}

// One provider's entry: the resource's own `enabled` and `settings` rules, the two ways of giving
// credentials under one key, and the program's resource options.
const byReference = z.strictObject({ secretsManager: secretsManagerRefSchema });
type CredentialsConfig = z.infer<typeof byReference> | z.infer<typeof credentialValuesSchema>;

// A `secretsManager` key makes the entry a reference, whatever its shape: read as values, a mistyped
// reference would be sent to Qard as a credential named "secretsManager".
const credentialsSchema = z.unknown().transform((value, ctx): CredentialsConfig => {
  const schema =
    isRecord(value) && Object.hasOwn(value, "secretsManager") ? byReference : credentialValuesSchema;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: "custom", message: issue.message, path: issue.path, input: value });
  }
  return z.NEVER;
});

const resource = providerInputsSchema.shape;
const providerSchema = z
  .strictObject({
    enabled: resource.enabled.default(true),
    autoConnect: z.boolean().optional(),
    settings: resource.settings.default({}),
    credentials: credentialsSchema.optional(),
    retainOnDelete: z.boolean().optional(),
    protect: z.boolean().optional(),
    adopt: resource.adoptExisting.optional(),
  })
  .superRefine((value, ctx) => {
    // zod runs this refinement even when a field already failed: `settings` may be any value here.
    const fromSettings = isRecord(value.settings) ? value.settings.auto_connect : undefined;
    if (value.autoConnect !== undefined && fromSettings !== undefined && fromSettings !== value.autoConnect) {
      ctx.addIssue({
        code: "custom",
        path: ["autoConnect"],
        message: "disagrees with settings.auto_connect: keep one",
      });
    }
  });

const apiUrl = z.string().superRefine((url, ctx) => {
  const problem = apiUrlProblem(url);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});

const stackSchema = z.strictObject({
  apiUrl: apiUrl.optional(),
  providers: z.record(providerNameSchema, providerSchema, {
    error: (issue) =>
      issue.code === "invalid_key"
        ? "is not a provider name: Qard's technical names look like shopify or sandbox_public"
        : "must be a map of provider name to its settings",
  }),
  manageSecrets: z.boolean().default(false),
  secretsKmsKeyId: z.string().min(1).optional(),
  secretTags: z.record(z.string(), z.string()).default({}),
});

/**
 * Raised with every problem of a stack's config at once, each naming the key and the fix. A RunError, so
 * the Pulumi CLI prints the message alone, without a stack trace.
 */
export class StackConfigError extends pulumi.RunError {
  override name = "StackConfigError";
  readonly problems: string[];
  constructor(stack: string, problems: string[]) {
    // Problems name config keys, which are the user's text: printed by the CLI, so neutralised here.
    const safe = problems.map(neutralizeOutput);
    super(`Stack "${stack}" has invalid Qard configuration:\n${safe.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = safe;
  }
}

/** Keys a program reads; values are the stack config as the Pulumi SDK returns it (objects already parsed). */
export type RawStackConfig = Partial<
  Record<"apiUrl" | "providers" | "manageSecrets" | "secretsKmsKeyId" | "secretTags", unknown>
>;

/**
 * Validates a stack's `qard:*` config. Messages name the config key and the command that fixes it; they
 * never quote a value (credential values can be in this config).
 */
export function parseStackConfig(stack: string, raw: RawStackConfig): StackConfig {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  if (present.providers === undefined) {
    throw new StackConfigError(stack, [
      `qard:providers is missing: declare at least one provider, e.g. \`pulumi config set --path 'qard:providers.shopify.enabled' true --stack ${stack}\``,
    ]);
  }
  if (isEmptyObject(present.providers)) {
    throw new StackConfigError(stack, [
      `qard:providers is empty: \`pulumi up\` would disable every provider this stack manages. If that is ` +
        `what you want, say so with \`pulumi destroy --stack ${stack}\`; otherwise declare the providers ` +
        `under qard:providers in Pulumi.${stack}.yaml`,
    ]);
  }
  // Before zod, whose records drop a `__proto__` key without a word: the other providers would then be
  // all the stack declares, and `up` would disable the one the user meant.
  const reserved = prototypeKeyPaths(present);
  if (reserved.length > 0) {
    throw new StackConfigError(
      stack,
      reserved.map((at) => `${configKeyOf(at)}: ${PROTOTYPE_KEY_REASON} in Pulumi.${stack}.yaml`),
    );
  }
  const parsed = stackSchema.safeParse(present);
  if (!parsed.success) {
    throw new StackConfigError(
      stack,
      parsed.error.issues.map((issue) => {
        const key = configKeyOf(issue.path.map(String));
        return `${key}: ${issue.message}. Fix it in Pulumi.${stack}.yaml or with \`pulumi config set --path '${key}' <value> --stack ${stack}\``;
      }),
    );
  }
  const { providers, ...rest } = parsed.data;
  const normalized: Record<string, ProviderStackConfig> = {};
  for (const [name, provider] of Object.entries(providers)) {
    const settings = { ...provider.settings };
    if (provider.autoConnect !== undefined) settings.auto_connect = provider.autoConnect;
    const entry: ProviderStackConfig = { enabled: provider.enabled, settings };
    if (provider.credentials !== undefined) entry.credentials = provider.credentials;
    if (provider.retainOnDelete !== undefined) entry.retainOnDelete = provider.retainOnDelete;
    if (provider.protect !== undefined) entry.protect = provider.protect;
    if (provider.adopt !== undefined) entry.adopt = provider.adopt;
    normalized[name] = entry;
  }
  const config: StackConfig = {
    providers: normalized,
    manageSecrets: rest.manageSecrets,
    secretTags: rest.secretTags,
  };
  if (rest.apiUrl !== undefined) config.apiUrl = rest.apiUrl;
  if (rest.secretsKmsKeyId !== undefined) config.secretsKmsKeyId = rest.secretsKmsKeyId;
  return config;
}

/**
 * `qard:providers.shopify.settings` from the path inside the `qard:*` config; a key that is not a plain
 * name is quoted the way `pulumi config set --path` takes it (`qard:providers["a b"]`), so it prints safely.
 */
function configKeyOf(path: readonly string[]): string {
  const [first = "", ...rest] = path;
  return `qard:${first}${rest.map((key) => (/^[A-Za-z0-9_-]+$/.test(key) ? `.${key}` : `[${quoteRefused(key)}]`)).join("")}`;
}

function isEmptyObject(value: unknown): boolean {
  return (
    value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0
  );
}
