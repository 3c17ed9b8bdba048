// The one AWS resource the program declares, from its own module: `@pulumi/aws` as a whole loads some 300
// modules at every start (0.4 s of the program's CPU in the demo's preview), whether or not a stack creates
// a secret.
import { Secret } from "@pulumi/aws/secretsmanager/secret.js";
import * as pulumi from "@pulumi/pulumi";
import {
  isSecretsManagerCredentials,
  QardAccount,
  QardProviderConfig,
  type QardAccountProviderArgs,
  type QardProviderConfigArgs,
  type SecretsManagerCredentials,
} from "@qard-iac/pulumi-qard";
import { currentConfigSecrecy } from "./config-secrecy.ts";
import { plaintextSecretProblems } from "./plaintext-secrets.ts";
import {
  parseStackConfig,
  StackConfigError,
  type ProviderStackConfig,
  type StackConfig,
} from "./stack-config.ts";

/** A provider's stack output: never a credential, only where credentials come from and which version. */
export interface ProviderSummary {
  enabled: boolean;
  autoConnect?: boolean;
  credentialsSource: string;
  credentialsVersionId?: string;
}

/**
 * Reads and validates the `qard:*` keys of the current stack, and refuses an API key or a credential value
 * stored in plaintext. Both fail before any resource is declared, so nothing is written.
 */
export function readStackConfig(): StackConfig {
  const stack = pulumi.getStack();
  const config = new pulumi.Config("qard");
  const parsed = parseStackConfig(stack, {
    apiUrl: config.get("apiUrl"),
    apiKey: config.get("apiKey"),
    apiKeySecretId: config.get("apiKeySecretId"),
    fingerprint: config.get("fingerprint"),
    providers: config.getObject("providers"),
    accounts: config.getObject("accounts"),
    manageSecrets: config.getObject("manageSecrets"),
    secretsKmsKeyId: config.get("secretsKmsKeyId"),
    secretTags: config.getObject("secretTags"),
  });
  const problems = plaintextSecretProblems(
    stack,
    { hasApiKey: config.get("apiKey") !== undefined, providers: parsed.providers, accounts: parsed.accounts },
    currentConfigSecrecy(stack),
  );
  if (problems.length > 0) throw new StackConfigError(stack, problems);
  return parsed;
}

/**
 * The stack program: one QardProviderConfig per provider in `qard:providers` (the typed wrappers such as
 * ShopifyProvider share its type, for programs written by hand). Outputs say, per provider, whether it
 * is enabled, its auto_connect setting and where its credentials come from — never the credentials.
 */
export async function qardProgram(): Promise<{ providers: Record<string, pulumi.Output<ProviderSummary>> }> {
  const config = readStackConfig();
  const providers: Record<string, pulumi.Output<ProviderSummary>> = {};
  for (const [name, provider] of Object.entries(config.providers)) {
    if (provider.account !== undefined) continue;
    providers[name] = summaryOf(
      new QardProviderConfig(name, providerArgs(name, name, provider, config), optionsOf(provider)),
    );
  }
  for (const [account, resources] of Object.entries(declareAccounts(config))) {
    for (const [name, resource] of Object.entries(resources))
      providers[`${account}/${name}`] = summaryOf(resource);
  }
  return { providers };
}

/**
 * One QardAccount per account of `qard:accounts`, with its providers from both spellings (parseStackConfig
 * refused one declared in both): each resource is `<account>/<provider>` under its account.
 */
function declareAccounts(config: StackConfig): Record<string, Readonly<Record<string, QardProviderConfig>>> {
  const declared: Record<string, Readonly<Record<string, QardProviderConfig>>> = {};
  for (const [account, accountConfig] of Object.entries(config.accounts)) {
    const entries = Object.entries(config.providers).filter(([, provider]) => provider.account === account);
    entries.push(...Object.entries(accountConfig.providers));
    const providers: Record<string, QardAccountProviderArgs> = {};
    const providerOptions: Record<string, pulumi.CustomResourceOptions> = {};
    for (const [name, provider] of entries) {
      const { providerName: _, ...args } = providerArgs(`${account}/${name}`, name, provider, config);
      providers[name] = args;
      providerOptions[name] = optionsOf(provider);
    }
    declared[account] = new QardAccount(account, { providers, providerOptions }).providers;
  }
  return declared;
}

function summaryOf(resource: QardProviderConfig): pulumi.Output<ProviderSummary> {
  return pulumi
    .all([resource.enabled, resource.settings, resource.credentialsSource, resource.credentialsVersionId])
    .apply(([enabled, settings, credentialsSource, credentialsVersionId]) => {
      // Absent fields stay absent: an `undefined` would show as a change in every preview.
      const summary: ProviderSummary = { enabled, credentialsSource };
      if (settings?.auto_connect !== undefined) summary.autoConnect = settings.auto_connect;
      if (credentialsVersionId) summary.credentialsVersionId = credentialsVersionId;
      return summary;
    });
}

function optionsOf(provider: ProviderStackConfig): pulumi.CustomResourceOptions {
  const opts: pulumi.CustomResourceOptions = {};
  if (provider.retainOnDelete !== undefined) opts.retainOnDelete = provider.retainOnDelete;
  if (provider.protect !== undefined) opts.protect = provider.protect;
  return opts;
}

/** The resource's arguments; `resourceName` names what the program declares for it (e.g. a managed secret). */
function providerArgs(
  resourceName: string,
  providerName: string,
  provider: ProviderStackConfig,
  config: StackConfig,
): QardProviderConfigArgs {
  const credentials = credentialsFor(resourceName, providerName, provider, config);
  const args: QardProviderConfigArgs = {
    providerName,
    settings: provider.settings,
    enabled: provider.enabled,
  };
  if (credentials !== undefined) args.credentials = credentials;
  if (provider.adopt !== undefined) args.adoptExisting = provider.adopt;
  return args;
}

function credentialsFor(
  name: string,
  providerName: string,
  provider: ProviderStackConfig,
  config: StackConfig,
): QardProviderConfigArgs["credentials"] {
  const credentials = provider.credentials;
  if (credentials === undefined || !isSecretsManagerCredentials(credentials) || !config.manageSecrets)
    return credentials;
  // The program owns the secret's existence and metadata; whoever owns the credential sets its value.
  const ref = credentials.secretsManager;
  const secret = new Secret(`${name}-credentials`, {
    name: ref.secretId,
    description: `Qard ${providerName} credentials for stack ${pulumi.getStack()}: a JSON object of the provider's credential keys`,
    kmsKeyId: config.secretsKmsKeyId,
    tags: { ...config.secretTags, "qard:provider": providerName, "pulumi:stack": pulumi.getStack() },
  });
  const managed: SecretsManagerCredentials = { secretsManager: { secretId: secret.arn } };
  if (ref.region !== undefined) managed.secretsManager.region = ref.region;
  if (ref.versionStage !== undefined) managed.secretsManager.versionStage = ref.versionStage;
  return managed;
}
