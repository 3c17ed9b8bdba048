import * as pulumi from "@pulumi/pulumi";
import { QardProviderConfigProvider } from "./dynamic-provider.ts";
import { refusePlaintextApiKey } from "./plaintext-api-key.ts";
import { claimProvider } from "./provider-claims.ts";
import { RESOURCE_MODULE, RESOURCE_TYPE_NAME } from "./resource-type.ts";
import { SCHEMA_VERSION, type CredentialsSource } from "./state.ts";
import { isRecord } from "../is-record.ts";

/** Credentials by reference: a Secrets Manager secret holding a JSON object of the provider's credential keys. */
export interface SecretsManagerCredentials {
  secretsManager: {
    /** Secret name or ARN. */
    secretId: pulumi.Input<string>;
    /** Defaults to the region in the ARN, else the AWS SDK's (AWS_REGION). */
    region?: pulumi.Input<string>;
    /** Staging label to follow; AWSCURRENT by default. */
    versionStage?: pulumi.Input<string>;
  };
}

/**
 * Credentials by value, keyed as Qard expects (e.g. client_id, client_secret), as an object of Inputs or
 * as one Output of the whole object (`pulumi.secret({...})`). Stored encrypted in state.
 */
export type CredentialValues = pulumi.Input<Record<string, pulumi.Input<string | boolean>>>;

export interface QardProviderConfigArgs {
  /** Qard's technical name of the provider, e.g. "shopify". Changing it replaces the resource. */
  providerName: pulumi.Input<string>;
  /**
   * The Qard account, by its name in the stack config `qard:accounts` (which gives its URL and where its key
   * comes from; only the name is stored). Absent: the stack's `qard:apiUrl` / `qard:apiKey` connection.
   * Changing it replaces the resource.
   */
  account?: string;
  credentials?: CredentialValues | SecretsManagerCredentials;
  /** Boolean settings, e.g. { auto_connect: true }. Settings not listed here are left as they are. */
  settings?: pulumi.Input<Record<string, pulumi.Input<boolean>>>;
  /** Defaults to true. */
  enabled?: pulumi.Input<boolean>;
  /**
   * Whether a create may take over a provider already enabled in Qard (preview warns when it would).
   * Defaults to true; false makes such a create fail before any write.
   */
  adoptExisting?: pulumi.Input<boolean>;
}

export function isSecretsManagerCredentials(
  credentials: CredentialValues | SecretsManagerCredentials,
): credentials is SecretsManagerCredentials {
  // An Output answers every property access with another Output: it is values, never a reference.
  if (pulumi.Output.isInstance(credentials)) return false;
  const candidate = (credentials as { secretsManager?: unknown }).secretsManager;
  return isRecord(candidate);
}

// One provider object for every resource of a program. Pulumi caches the serialized provider per object,
// and the stub captures nothing, so its text is the same for every resource: shared, it is serialized
// once per program run instead of once per resource (a closure analysis of about 1.5 ms each). The
// object holds no state on the program side: `configure` runs on the copy in the provider process.
let sharedProvider: QardProviderConfigProvider | undefined;

/**
 * The configuration of one Qard provider: credentials (write-only), settings and the enabled flag.
 * Deleting it disables the provider in Qard (Qard has no delete); `retainOnDelete` leaves it as it is.
 */
export class QardProviderConfig extends pulumi.dynamic.Resource {
  declare readonly providerName: pulumi.Output<string>;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly settings: pulumi.Output<Record<string, boolean>>;
  /** "value", "secretsManager" or "none": where the credentials come from, never what they are. */
  declare readonly credentialsSource: pulumi.Output<CredentialsSource>;
  /** For a Secrets Manager reference: the secret's ARN and the version last written to Qard. */
  declare readonly credentialsArn: pulumi.Output<string | undefined>;
  declare readonly credentialsVersionId: pulumi.Output<string | undefined>;
  /** False when Qard no longer offers this provider to the account. */
  declare readonly available: pulumi.Output<boolean>;

  constructor(name: string, args: QardProviderConfigArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextApiKey();
    const byReference = args.credentials !== undefined && isSecretsManagerCredentials(args.credentials);
    const account = args.account;
    if (typeof args.providerName === "string") claimProvider(args.providerName, name, account);
    else pulumi.output(args.providerName).apply((providerName) => claimProvider(providerName, name, account));
    const props: Record<string, unknown> = {
      providerName: args.providerName,
      account,
      settings: args.settings,
      enabled: args.enabled,
      schemaVersion: SCHEMA_VERSION,
      adoptExisting: args.adoptExisting,
      // By value, the credentials are secret even when the caller passed plain strings.
      credentials: args.credentials && !byReference ? pulumi.secret(args.credentials) : undefined,
      credentialsRef: byReference
        ? (args.credentials as SecretsManagerCredentials).secretsManager
        : undefined,
      credentialsSource: undefined,
      credentialsArn: undefined,
      credentialsVersionId: undefined,
      available: undefined,
    };
    const secretOutputs = [...(opts?.additionalSecretOutputs ?? []), "credentials"];
    super(
      (sharedProvider ??= new QardProviderConfigProvider()),
      name,
      props,
      { ...opts, additionalSecretOutputs: secretOutputs },
      RESOURCE_MODULE,
      RESOURCE_TYPE_NAME,
    );
  }
}
