import { connectionSettingName } from "./account-connection.ts";
import type { ConnectionConfig } from "./connection-config.ts";

/** Where the API key of one run comes from. */
export type ApiKeySource =
  | { kind: "stack-config"; apiKey: string }
  | { kind: "stack-secret"; secretId: string }
  | { kind: "environment"; apiKey: string }
  | { kind: "none" };

/**
 * Which source the key is taken from. A stack's own source (`qard:apiKey`, or `qard:apiKeySecretId`) always
 * wins over QARD_API_KEY: a variable set for a whole pipeline job must not make one stack act on the account
 * of another. Both stack sources at once is ambiguous and refused, so nobody has to guess which one acts.
 */
export function chooseApiKeySource(
  config: Pick<ConnectionConfig, "apiKey" | "apiKeySecretId" | "account">,
  env: NodeJS.ProcessEnv,
): ApiKeySource {
  if (config.apiKey && config.apiKeySecretId) {
    const key = connectionSettingName(config, "apiKey");
    const secretId = connectionSettingName(config, "apiKeySecretId");
    const rm = config.account === undefined ? "pulumi config rm" : "pulumi config rm --path";
    throw new Error(
      `The stack sets both ${key} and ${secretId}: keep one (\`${rm} ${key}\` or \`${rm} ${secretId}\`)`,
    );
  }
  if (config.apiKey) return { kind: "stack-config", apiKey: config.apiKey };
  if (config.apiKeySecretId) return { kind: "stack-secret", secretId: config.apiKeySecretId };
  // A named account has its own source or none: one job-wide variable must not reach every account.
  if (config.account === undefined && env.QARD_API_KEY)
    return { kind: "environment", apiKey: env.QARD_API_KEY };
  return { kind: "none" };
}
