import { identifierProblem } from "../identifier.ts";
import { isRecord } from "../is-record.ts";
import { isPrototypeKey } from "../prototype-keys.ts";
import type { AccountConnectionConfig, ConnectionConfig } from "./connection-config.ts";

/** `qard:accounts` as found in the config: the accounts, or why they cannot be used. */
export interface AccountsConfig {
  accounts: Record<string, AccountConnectionConfig>;
  /** Set when `qard:accounts` is present but unreadable; named when a resource uses an account. */
  problem?: string;
}

/**
 * Reads `qard:accounts` (the JSON text the engine hands `configure`). Never throws: a stack whose resources
 * all use the one-account form must not fail because of it. Keeps only the connection fields; a problem
 * never quotes the text, which holds keys.
 */
export function accountsFromConfigText(text: string | undefined): AccountsConfig {
  if (text === undefined || text === "") return { accounts: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { accounts: {}, problem: "qard:accounts is not a JSON object" };
  }
  if (!isRecord(parsed)) return { accounts: {}, problem: "qard:accounts is not an object of accounts" };
  const accounts: Record<string, AccountConnectionConfig> = {};
  for (const [name, entry] of Object.entries(parsed)) {
    if (isPrototypeKey(name) || identifierProblem(name) !== undefined || !isRecord(entry)) continue;
    const account: AccountConnectionConfig = {};
    for (const field of ["apiUrl", "apiKey", "apiKeySecretId", "fingerprint"] as const) {
      const value = entry[field];
      if (typeof value === "string" && value !== "") account[field] = value;
    }
    accounts[name] = account;
  }
  return { accounts };
}

/**
 * The connection one resource uses: the stack's default (`qard:apiUrl`, `qard:apiKey`…, QARD_API_*) when it
 * names no account, else the named account's own settings, which never fall back on the environment: a
 * variable set for a whole job would otherwise send one account's key to every account's URL.
 */
export function connectionForAccount(
  config: ConnectionConfig,
  account: string | undefined,
): ConnectionConfig {
  if (account === undefined) return config;
  const accounts = config.accounts ?? {};
  if (!Object.hasOwn(accounts, account)) {
    const why = config.accountsProblem ?? `the stack config has no qard:accounts.${account}`;
    throw new UnknownAccountError(account, why);
  }
  const { apiUrl, apiKey, apiKeySecretId, fingerprint } = accounts[account] as AccountConnectionConfig;
  const connection: ConnectionConfig = { account };
  if (fingerprint !== undefined) connection.fingerprint = fingerprint;
  if (apiUrl !== undefined) connection.apiUrl = apiUrl;
  if (apiKey !== undefined) connection.apiKey = apiKey;
  if (apiKeySecretId !== undefined) connection.apiKeySecretId = apiKeySecretId;
  return connection;
}

/** The config key of a connection setting: `qard:apiKey`, or `qard:accounts.eu.apiKey` for an account. */
export function connectionSettingName(
  config: Pick<ConnectionConfig, "account">,
  setting: "apiUrl" | "apiKey" | "apiKeySecretId",
): string {
  return config.account === undefined ? `qard:${setting}` : `qard:accounts.${config.account}.${setting}`;
}

/** A resource names an account the stack config does not describe. */
export class UnknownAccountError extends Error {
  constructor(account: string, why: string) {
    super(
      `Qard account "${account}": ${why}. Describe it in the stack config, e.g. ` +
        `\`pulumi config set --path 'qard:accounts.${account}.apiUrl' <url>\` and ` +
        `\`pulumi config set --secret --path 'qard:accounts.${account}.apiKey' <key>\``,
    );
    this.name = "UnknownAccountError";
  }
}
