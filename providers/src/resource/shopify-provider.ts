import type * as pulumi from "@pulumi/pulumi";
import { QardProviderConfig, type SecretsManagerCredentials } from "./qard-provider-config.ts";

export interface ShopifyProviderArgs {
  /** The Shopify app's API key (Qard's `client_id`). Give both, or `credentials` by reference. */
  clientId?: pulumi.Input<string>;
  /** The Shopify app's API secret key (Qard's `client_secret`). */
  clientSecret?: pulumi.Input<string>;
  /** A Secrets Manager secret holding {"client_id": "...", "client_secret": "..."}. */
  credentials?: SecretsManagerCredentials;
  autoConnect?: pulumi.Input<boolean>;
  enabled?: pulumi.Input<boolean>;
  /** As `QardProviderConfigArgs.account`: the Qard account, by its name in `qard:accounts`. */
  account?: string;
  /** As `QardProviderConfigArgs.adoptExisting`: false refuses to take over a Shopify provider already enabled. */
  adoptExisting?: pulumi.Input<boolean>;
}

/** Qard's Shopify provider, as its documentation page sets it up: credentials, then settings, then enable. */
export class ShopifyProvider extends QardProviderConfig {
  constructor(name: string, args: ShopifyProviderArgs, opts?: pulumi.CustomResourceOptions) {
    if (args.credentials && (args.clientId !== undefined || args.clientSecret !== undefined)) {
      throw new Error(
        `ShopifyProvider ${name}: give clientId/clientSecret or credentials by reference, not both`,
      );
    }
    if ((args.clientId === undefined) !== (args.clientSecret === undefined)) {
      throw new Error(`ShopifyProvider ${name}: clientId and clientSecret go together`);
    }
    const byValue =
      args.clientId !== undefined && args.clientSecret !== undefined
        ? { client_id: args.clientId, client_secret: args.clientSecret }
        : undefined;
    super(
      name,
      {
        providerName: "shopify",
        credentials: args.credentials ?? byValue,
        settings: args.autoConnect === undefined ? {} : { auto_connect: args.autoConnect },
        enabled: args.enabled,
        adoptExisting: args.adoptExisting,
        ...(args.account === undefined ? {} : { account: args.account }),
      },
      opts,
    );
  }
}
