import { readSecretText } from "../secrets/secrets-manager.ts";
import { accountsFromConfigText, connectionSettingName } from "./account-connection.ts";
import { chooseApiKeySource } from "./api-key-source.ts";
import type { ConnectionConfig } from "./connection-config.ts";

export type { ConnectionConfig } from "./connection-config.ts";

export interface Connection {
  baseUrl: string;
  apiKey: string;
}

/** A connection and the settings it came from. */
export interface ResolvedConnection extends Connection {
  /** The setting the URL came from, named in errors about it: `qard:apiUrl` or `QARD_API_URL`. */
  apiUrlSetting: string;
  /** The setting the key came from: `qard:apiKey`, `qard:apiKeySecretId` or `QARD_API_KEY`. */
  apiKeySetting: string;
}

export const DEFAULT_API_URL = "https://api.qardfinance.com";

/** Reads the `qard:*` keys; `get` is the dynamic provider's config reader. */
export function connectionConfigFrom(get: (key: string) => string | undefined): ConnectionConfig {
  const config: ConnectionConfig = {};
  const apiUrl = get("qard:apiUrl");
  const apiKey = get("qard:apiKey");
  const apiKeySecretId = get("qard:apiKeySecretId");
  const fingerprint = get("qard:fingerprint");
  if (apiUrl) config.apiUrl = apiUrl;
  if (fingerprint) config.fingerprint = fingerprint;
  if (apiKey) config.apiKey = apiKey;
  if (apiKeySecretId) config.apiKeySecretId = apiKeySecretId;
  const { accounts, problem } = accountsFromConfigText(get("qard:accounts"));
  if (Object.keys(accounts).length > 0) config.accounts = accounts;
  if (problem !== undefined) config.accountsProblem = problem;
  return config;
}

/**
 * Where API calls go: `qard:apiUrl`, else QARD_API_URL, else Qard's own https URL. An empty value is unset.
 * A named account takes its own `apiUrl` or the default, never the variable.
 */
export function apiUrlFrom(config: ConnectionConfig, env: NodeJS.ProcessEnv = process.env): string {
  return config.apiUrl || (config.account === undefined ? env.QARD_API_URL : undefined) || DEFAULT_API_URL;
}

/**
 * Resolves the API key at run time: the stack's own source first, `qard:apiKey` (secret stack config) or
 * the Secrets Manager secret named by `qard:apiKeySecretId` (plain text, or JSON with an `apiKey` field),
 * then the QARD_API_KEY environment variable (see api-key-source.ts). Nothing here is ever captured in
 * the serialized provider.
 */
export async function resolveConnection(
  config: ConnectionConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedConnection> {
  const baseUrl = apiUrlFrom(config, env);
  const apiUrlSetting = apiUrlSettingOf(config, env);
  const source = chooseApiKeySource(config, env);
  if (source.kind === "stack-config") {
    const apiKeySetting = connectionSettingName(config, "apiKey");
    return { baseUrl, apiKey: source.apiKey, apiUrlSetting, apiKeySetting };
  }
  if (source.kind === "environment") {
    return { baseUrl, apiKey: source.apiKey, apiUrlSetting, apiKeySetting: "QARD_API_KEY" };
  }
  if (source.kind === "stack-secret") {
    const { text } = await readSecretText({ secretId: source.secretId });
    const apiKey = apiKeyFromSecretText(
      source.secretId,
      text,
      connectionSettingName(config, "apiKeySecretId"),
    );
    return {
      baseUrl,
      apiKey,
      apiUrlSetting,
      apiKeySetting: `${connectionSettingName(config, "apiKeySecretId")} (secret "${source.secretId}")`,
    };
  }
  throw new MissingApiKeyError(config.account);
}

/** Which setting to name when the URL is wrong: the one that gave it, or `qard:apiUrl` for the default. */
export function apiUrlSettingOf(config: ConnectionConfig, env: NodeJS.ProcessEnv = process.env): string {
  if (config.account !== undefined) return connectionSettingName(config, "apiUrl");
  return !config.apiUrl && env.QARD_API_URL ? "QARD_API_URL" : "qard:apiUrl";
}

/** No key in the stack nor in the environment: a preview can go on without Qard, an `up` cannot. */
export class MissingApiKeyError extends Error {
  constructor(account?: string) {
    super(
      account === undefined
        ? "No Qard API key: run `pulumi config set --secret qard:apiKey <key>`, or set QARD_API_KEY, " +
            "or point `qard:apiKeySecretId` at a Secrets Manager secret that holds it"
        : `No Qard API key for account "${account}": run \`pulumi config set --secret --path ` +
            `'qard:accounts.${account}.apiKey' <key>\`, or point qard:accounts.${account}.apiKeySecretId at ` +
            "a Secrets Manager secret that holds it (QARD_API_KEY is not used for a named account)",
    );
    this.name = "MissingApiKeyError";
  }
}

function apiKeyFromSecretText(secretId: string, text: string, setting: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return trimmed;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (parsed && typeof parsed === "object" && "apiKey" in parsed && typeof parsed.apiKey === "string") {
      return parsed.apiKey;
    }
  } catch {
    // fall through to the message below, which does not quote the payload
  }
  throw new Error(
    `secret "${secretId}" (${setting}) must hold the API key as text or as JSON {"apiKey": "..."}`,
  );
}
