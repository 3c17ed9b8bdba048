import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { QardProviderConfig, type QardProviderConfigArgs, type SecretsManagerCredentials } from "@qard-iac/providers";
import { parseStackConfig, type ProviderStackConfig, type StackConfig } from "./stack-config.ts";

export interface ProviderSummary {
  enabled: pulumi.Output<boolean>;
  autoConnect: pulumi.Output<boolean | undefined>;
  credentialsSource: pulumi.Output<string>;
  credentialsVersionId: pulumi.Output<string | undefined>;
}

/** Reads the `qard:*` keys of the current stack. */
export function readStackConfig(): StackConfig {
  const config = new pulumi.Config("qard");
  return parseStackConfig(pulumi.getStack(), {
    apiUrl: config.get("apiUrl"),
    providers: config.getObject("providers"),
    manageSecrets: config.getObject("manageSecrets"),
    secretsKmsKeyId: config.get("secretsKmsKeyId"),
    secretTags: config.getObject("secretTags"),
  });
}

/**
 * The stack program: one QardProviderConfig per provider in `qard:providers` (the typed wrappers such as
 * ShopifyProvider share its type, for programs written by hand). Outputs say, per provider, whether it
 * is enabled, its auto_connect setting and where its credentials come from — never the credentials.
 */
export async function qardProgram(): Promise<{ providers: Record<string, ProviderSummary> }> {
  const config = readStackConfig();
  const providers: Record<string, ProviderSummary> = {};
  for (const [name, provider] of Object.entries(config.providers)) {
    const resource = declareProvider(name, provider, config);
    providers[name] = {
      enabled: resource.enabled,
      autoConnect: resource.settings.apply((settings) => settings?.auto_connect),
      credentialsSource: resource.credentialsSource,
      credentialsVersionId: resource.credentialsVersionId,
    };
  }
  return { providers };
}

function declareProvider(name: string, provider: ProviderStackConfig, config: StackConfig): QardProviderConfig {
  const opts: pulumi.CustomResourceOptions = {};
  if (provider.retainOnDelete !== undefined) opts.retainOnDelete = provider.retainOnDelete;
  if (provider.protect !== undefined) opts.protect = provider.protect;
  const credentials = credentialsFor(name, provider, config);
  const args: QardProviderConfigArgs = { providerName: name, settings: provider.settings, enabled: provider.enabled };
  if (credentials !== undefined) args.credentials = credentials;
  return new QardProviderConfig(name, args, opts);
}

function isReference(credentials: NonNullable<ProviderStackConfig["credentials"]>): credentials is {
  secretsManager: { secretId: string; region?: string; versionStage?: string };
} {
  return typeof credentials.secretsManager === "object";
}

function credentialsFor(
  name: string,
  provider: ProviderStackConfig,
  config: StackConfig,
): QardProviderConfigArgs["credentials"] {
  const credentials = provider.credentials;
  if (credentials === undefined || !isReference(credentials) || !config.manageSecrets) return credentials;
  // The program owns the secret's existence and metadata; whoever owns the credential sets its value.
  const ref = credentials.secretsManager;
  const secret = new aws.secretsmanager.Secret(`${name}-credentials`, {
    name: ref.secretId,
    description: `Qard ${name} credentials for stack ${pulumi.getStack()}: a JSON object of the provider's credential keys`,
    kmsKeyId: config.secretsKmsKeyId,
    tags: { ...config.secretTags, "qard:provider": name, "pulumi:stack": pulumi.getStack() },
  });
  const managed: SecretsManagerCredentials = { secretsManager: { secretId: secret.arn } };
  if (ref.region !== undefined) managed.secretsManager.region = ref.region;
  if (ref.versionStage !== undefined) managed.secretsManager.versionStage = ref.versionStage;
  return managed;
}
