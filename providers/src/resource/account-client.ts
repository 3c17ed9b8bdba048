// One Qard account as the runtime's operations use it: its client, the key of its shared provider list, the
// account its key points at, and the reads every operation starts with.
import type { QardClient, QardProvider } from "../qard/index.ts";
import { messageOf } from "../error-message.ts";
import { accountFingerprint, identityProblem } from "./account-fingerprint.ts";
import { resolveConnection, type ConnectionConfig, type ResolvedConnection } from "./connection.ts";
import { rememberSecrets } from "./known-secrets.ts";
import { accountKey, liveProvider } from "./live-providers.ts";
import { classifyLookupFailure, type ConnectionSettings, type LookupOutcome } from "./lookup-failure.ts";
import { nextStepAfter } from "./next-step.ts";

/** How messages name the account: `Qard account "eu"`, or the stack's one account. */
export function accountLabel(config: Pick<ConnectionConfig, "account">): string {
  return config.account === undefined ? "Qard account of this stack" : `Qard account "${config.account}"`;
}

/** Before an operation on an existing resource: its account's key must still point at the recorded account. */
export function refuseForeignKey(connection: Account, config: ConnectionConfig, recorded: unknown): void {
  const problem = identityProblem({
    account: config.account,
    apiKeySetting: connection.apiKeySetting,
    current: connection.fingerprint,
    recorded: typeof recorded === "string" ? recorded : undefined,
    pinned: config.fingerprint,
  });
  if (problem !== undefined) throw new Error(`${accountLabel(config)}: ${problem}`);
}

export interface Account extends ConnectionSettings {
  client: QardClient;
  /** The key of this account's shared provider list. */
  account: string;
  /** Which Qard account the key points at (account-fingerprint.ts). */
  fingerprint: string;
}

export async function clientFor(config: ConnectionConfig): Promise<Account> {
  return accountFor(await resolveConnection(config));
}

/** The account of a connection already resolved (its key read once, e.g. from Secrets Manager). */
export async function accountFor(connection: ResolvedConnection): Promise<Account> {
  rememberSecrets(connection.apiKey);
  const { QardClient } = await loadQard();
  return {
    client: new QardClient({ baseUrl: connection.baseUrl, apiKey: connection.apiKey }),
    account: accountKey(connection.baseUrl, connection.apiKey),
    fingerprint: accountFingerprint(connection.baseUrl, connection.apiKey),
    baseUrl: connection.baseUrl,
    apiUrlSetting: connection.apiUrlSetting,
    apiKeySetting: connection.apiKeySetting,
  };
}

/**
 * The HTTP client (node-fetch, response schemas) is loaded on first use: `diff`, and `check` of resources
 * that already exist, never call Qard.
 */
export function loadQard(): Promise<typeof import("../qard/index.ts")> {
  return import("../qard/index.ts");
}

export async function requireLiveProvider(connection: Account, name: string): Promise<QardProvider> {
  let live: QardProvider | undefined;
  try {
    live = await liveProvider(connection.client, connection.account, name);
  } catch (error) {
    // A wrong URL: name the setting to fix, as the preview does. A refused key is named, with the key's
    // source and the URL it was sent to, by withKeySourceOnRefusal around every operation.
    const { QardAuthError } = await loadQard();
    const outcome: LookupOutcome =
      error instanceof QardAuthError ? { kind: "skip" } : classifyLookupFailure(error, connection);
    const why =
      outcome.kind === "fail"
        ? outcome.reason
        : `${messageOf(error)}; ${nextStepAfter(error, "the command")}`;
    throw new Error(`Qard provider "${name}": ${why}`, { cause: error });
  }
  if (live === undefined) throw new Error(unknownProviderReason(name));
  return live;
}

export function unknownProviderReason(name: string): string {
  return `Qard has no provider named "${name}" for this account: check providerName`;
}
