import * as pulumi from "@pulumi/pulumi";
import { identifierProblem } from "../identifier.ts";
import { isPrototypeKey } from "../prototype-keys.ts";
import { QardProviderConfig, type QardProviderConfigArgs } from "./qard-provider-config.ts";

/** One provider of an account: the resource's arguments without the two the account fixes. */
export type QardAccountProviderArgs = Omit<QardProviderConfigArgs, "providerName" | "account">;

export interface QardAccountArgs {
  /** The account's name in `qard:accounts` (its URL and key source). Defaults to the component's name. */
  account?: string;
  /** Qard provider name to its configuration. */
  providers: Record<string, QardAccountProviderArgs>;
  /** Resource options per provider (protect, retainOnDelete…); the component is their parent. */
  providerOptions?: Record<string, pulumi.CustomResourceOptions>;
}

/** The component's type in state and engine events. */
export const QARD_ACCOUNT_TYPE = "qard:index:Account";

/**
 * The providers of one Qard account, for programs that use the library directly. Each becomes a
 * QardProviderConfig named `<account>/<provider>` that names the account, so its calls use that account's
 * URL and key only, and the same provider can be configured in several accounts of one program.
 */
export class QardAccount extends pulumi.ComponentResource {
  readonly account: string;
  readonly providers: Readonly<Record<string, QardProviderConfig>>;

  constructor(name: string, args: QardAccountArgs, opts?: pulumi.ComponentResourceOptions) {
    super(QARD_ACCOUNT_TYPE, name, {}, opts);
    const account = args.account ?? name;
    const problem = identifierProblem(account);
    if (problem !== undefined) {
      throw new pulumi.RunError(`QardAccount ${JSON.stringify(name)}: the account name ${problem}`);
    }
    const providers: Record<string, QardProviderConfig> = {};
    for (const [providerName, providerArgs] of Object.entries(args.providers)) {
      if (isPrototypeKey(providerName)) {
        throw new pulumi.RunError(`QardAccount "${account}": "${providerName}" is not a provider name`);
      }
      const options = args.providerOptions?.[providerName] ?? {};
      providers[providerName] = new QardProviderConfig(
        `${account}/${providerName}`,
        { ...providerArgs, providerName, account },
        { ...options, parent: this },
      );
    }
    this.account = account;
    this.providers = providers;
    this.registerOutputs({});
  }
}
