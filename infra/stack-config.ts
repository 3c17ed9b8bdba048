import * as pulumi from "@pulumi/pulumi";
import {
  accountNameSchema,
  apiUrlProblem,
  FINGERPRINT_PATTERN,
  credentialValuesSchema,
  neutralizeOutput,
  PROTOTYPE_KEY_REASON,
  prototypeKeyPaths,
  providerInputsSchema,
  providerNameSchema,
  secretsManagerRefSchema,
} from "@qard-iac/pulumi-qard/rules";
import { IDENTIFIER_HINT, isRecord, quoteRefused } from "@qard-iac/pulumi-qard/internal";
import type { SecretsManagerRef } from "@qard-iac/pulumi-qard";
import { z } from "zod";

/** A stack's `qard:*` configuration, validated before any resource is declared. */
export interface StackConfig {
  apiUrl?: string;
  /** `qard:providers`, as written: an entry with `account` belongs to that account of `accounts`. */
  providers: Record<string, ProviderStackConfig>;
  /** `qard:accounts`: empty for the one-account form. */
  accounts: Record<string, AccountStackConfig>;
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
  /** The account of `qard:accounts` this entry of `qard:providers` belongs to. */
  account?: string;
}

/** One account of `qard:accounts`: where its key comes from (never the key) and its own providers. */
export interface AccountStackConfig {
  apiUrl?: string;
  keySource: "apiKey" | "apiKeySecretId";
  /** `qard:accounts.<account>.providers`, as written. */
  providers: Record<string, ProviderStackConfig>;
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
const providerFields = {
  enabled: resource.enabled.default(true),
  autoConnect: z.boolean().optional(),
  settings: resource.settings.default({}),
  credentials: credentialsSchema.optional(),
  retainOnDelete: z.boolean().optional(),
  protect: z.boolean().optional(),
  adopt: resource.adoptExisting.optional(),
};

function refineAutoConnect(
  value: { autoConnect?: boolean | undefined; settings?: unknown },
  ctx: z.RefinementCtx,
): void {
  // zod runs this refinement even when a field already failed: `settings` may be any value here.
  const fromSettings = isRecord(value.settings) ? value.settings.auto_connect : undefined;
  if (value.autoConnect !== undefined && fromSettings !== undefined && fromSettings !== value.autoConnect) {
    ctx.addIssue({
      code: "custom",
      path: ["autoConnect"],
      message: "disagrees with settings.auto_connect: keep one",
    });
  }
}

// An entry of `qard:providers` may name its account; one under `qard:accounts.<a>.providers` has it already.
const providerSchema = z
  .strictObject({ ...providerFields, account: accountNameSchema.optional() })
  .superRefine(refineAutoConnect);
const accountProviderSchema = z.strictObject(providerFields).superRefine(refineAutoConnect);

const providerMapError = (issue: { code: string }) =>
  issue.code === "invalid_key"
    ? "is not a provider name: Qard's technical names look like shopify or sandbox_public"
    : "must be a map of provider name to its settings";

const apiUrl = z.string().superRefine((url, ctx) => {
  const problem = apiUrlProblem(url);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});

const accountSchema = z
  .strictObject({
    apiUrl: apiUrl.optional(),
    apiKey: z.string().min(1).optional(),
    apiKeySecretId: z.string().min(1).optional(),
    // The account's identity, pinned by hand: how a rotated key of the same account is accepted.
    fingerprint: z
      .string()
      .regex(FINGERPRINT_PATTERN, "must be the 16 hexadecimal digits a refusal printed")
      .optional(),
    providers: z.record(providerNameSchema, accountProviderSchema, { error: providerMapError }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.apiKey !== undefined && value.apiKeySecretId !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["apiKeySecretId"],
        message: "and apiKey are both set: keep one",
      });
    }
    if (value.apiKey === undefined && value.apiKeySecretId === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["apiKey"],
        message:
          "is missing: give the account's key with --secret, or name a Secrets Manager secret in apiKeySecretId " +
          "(QARD_API_KEY is not used for a named account)",
      });
    }
  });

const stackSchema = z.strictObject({
  apiUrl: apiUrl.optional(),
  // Read for the rule that the one-account connection and qard:accounts are not mixed; never kept.
  apiKey: z.string().optional(),
  apiKeySecretId: z.string().optional(),
  // The one-account form's pinned identity (see the provider's account-fingerprint.ts).
  fingerprint: z
    .string()
    .regex(FINGERPRINT_PATTERN, "must be the 16 hexadecimal digits a refusal printed")
    .optional(),
  providers: z.record(providerNameSchema, providerSchema, { error: providerMapError }).optional(),
  accounts: z
    .record(accountNameSchema, accountSchema, {
      error: (issue) =>
        issue.code === "invalid_key"
          ? `is not an account name: ${IDENTIFIER_HINT}`
          : "must be a map of account name to { apiUrl?, apiKey | apiKeySecretId, providers? }",
    })
    .optional(),
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
  Record<
    | "apiUrl"
    | "apiKey"
    | "apiKeySecretId"
    | "fingerprint"
    | "providers"
    | "accounts"
    | "manageSecrets"
    | "secretsKmsKeyId"
    | "secretTags",
    unknown
  >
>;

/**
 * Validates a stack's `qard:*` config. Messages name the config key and the command that fixes it; they
 * never quote a value (credential values can be in this config).
 */
export function parseStackConfig(stack: string, raw: RawStackConfig): StackConfig {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  if (present.providers === undefined && present.accounts === undefined) {
    throw new StackConfigError(stack, [
      `qard:providers is missing: declare at least one provider, e.g. \`pulumi config set --path 'qard:providers.shopify.enabled' true --stack ${stack}\``,
    ]);
  }
  if (isEmptyObject(present.providers) && present.accounts === undefined) {
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
  const { providers = {}, accounts = {}, ...rest } = parsed.data;
  const problems = accountProblems(stack, parsed.data);
  if (problems.length > 0) throw new StackConfigError(stack, problems);
  const normalizedAccounts: Record<string, AccountStackConfig> = {};
  for (const [name, account] of Object.entries(accounts)) {
    const entry: AccountStackConfig = {
      keySource: account.apiKeySecretId !== undefined ? "apiKeySecretId" : "apiKey",
      providers: normalizeProviders(account.providers ?? {}),
    };
    if (account.apiUrl !== undefined) entry.apiUrl = account.apiUrl;
    normalizedAccounts[name] = entry;
  }
  const config: StackConfig = {
    providers: normalizeProviders(providers),
    accounts: normalizedAccounts,
    manageSecrets: rest.manageSecrets,
    secretTags: rest.secretTags,
  };
  if (rest.apiUrl !== undefined) config.apiUrl = rest.apiUrl;
  if (rest.secretsKmsKeyId !== undefined) config.secretsKmsKeyId = rest.secretsKmsKeyId;
  return config;
}

type ParsedProvider = z.infer<typeof accountProviderSchema> & { account?: string | undefined };

function normalizeProviders(providers: Record<string, ParsedProvider>): Record<string, ProviderStackConfig> {
  const normalized: Record<string, ProviderStackConfig> = {};
  for (const [name, provider] of Object.entries(providers)) {
    const settings = { ...provider.settings };
    if (provider.autoConnect !== undefined) settings.auto_connect = provider.autoConnect;
    const entry: ProviderStackConfig = { enabled: provider.enabled, settings };
    if (provider.credentials !== undefined) entry.credentials = provider.credentials;
    if (provider.retainOnDelete !== undefined) entry.retainOnDelete = provider.retainOnDelete;
    if (provider.protect !== undefined) entry.protect = provider.protect;
    if (provider.adopt !== undefined) entry.adopt = provider.adopt;
    if (provider.account !== undefined) entry.account = provider.account;
    normalized[name] = entry;
  }
  return normalized;
}

/**
 * The rules between `qard:accounts` and the rest, each naming the key to fix. A stack uses one form: the
 * one-account connection (`qard:apiUrl`, `qard:apiKey`…) or named accounts, never both, so no provider's
 * account is left to a default. A provider is declared once per account: in `qard:providers` with
 * `account`, or under `qard:accounts.<account>.providers` (the spelling for one provider in several
 * accounts), not in both.
 */
function accountProblems(stack: string, data: z.infer<typeof stackSchema>): string[] {
  const accounts = data.accounts;
  const providers = data.providers ?? {};
  const problems: string[] = [];
  if (accounts === undefined) {
    for (const [name, provider] of Object.entries(providers)) {
      if (provider.account !== undefined) {
        problems.push(
          `qard:providers.${name}.account: the stack has no qard:accounts; describe the account with \`pulumi config set --path 'qard:accounts.${provider.account}.apiUrl' <url> --stack ${stack}\``,
        );
      }
    }
    return problems;
  }
  const names = Object.keys(accounts);
  if (names.length === 0) {
    return [
      `qard:accounts is empty: describe an account, or remove it with \`pulumi config rm qard:accounts --stack ${stack}\``,
    ];
  }
  for (const key of ["apiUrl", "apiKey", "apiKeySecretId", "fingerprint"] as const) {
    if (data[key] !== undefined) {
      problems.push(
        `qard:${key}: a stack with qard:accounts gives each account its own ${key}: move it to qard:accounts.<account>.${key} (\`pulumi config rm qard:${key} --stack ${stack}\`)`,
      );
    }
  }
  let declared = 0;
  for (const [name, provider] of Object.entries(providers)) {
    declared += 1;
    const account = provider.account;
    if (account === undefined) {
      problems.push(
        `qard:providers.${name}.account: is required in a stack with qard:accounts (${names.join(", ")}): \`pulumi config set --path 'qard:providers.${name}.account' <account> --stack ${stack}\``,
      );
    } else if (!Object.hasOwn(accounts, account)) {
      problems.push(
        `qard:providers.${name}.account: names no account of qard:accounts (${names.join(", ")})`,
      );
    } else if (Object.hasOwn(accounts[account]?.providers ?? {}, name)) {
      problems.push(
        `qard:providers.${name}: provider ${name} of account ${account} is also declared at qard:accounts.${account}.providers.${name}: keep one`,
      );
    }
  }
  for (const account of Object.values(accounts)) declared += Object.keys(account.providers ?? {}).length;
  if (declared === 0) {
    problems.push(
      `qard:accounts declares no provider: \`pulumi up\` would disable every provider this stack manages. Declare them under qard:accounts.<account>.providers, or run \`pulumi destroy --stack ${stack}\` if that is what you want`,
    );
  }
  return problems;
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
  return isRecord(value) && Object.keys(value).length === 0;
}
