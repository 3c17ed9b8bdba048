import type { ConnectionConfig } from "./connection.ts";

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
  config: Pick<ConnectionConfig, "apiKey" | "apiKeySecretId">,
  env: NodeJS.ProcessEnv,
): ApiKeySource {
  if (config.apiKey && config.apiKeySecretId) {
    throw new Error(
      "The stack sets both qard:apiKey and qard:apiKeySecretId: keep one (`pulumi config rm qard:apiKey` " +
        "or `pulumi config rm qard:apiKeySecretId`)",
    );
  }
  if (config.apiKey) return { kind: "stack-config", apiKey: config.apiKey };
  if (config.apiKeySecretId) return { kind: "stack-secret", secretId: config.apiKeySecretId };
  if (env.QARD_API_KEY) return { kind: "environment", apiKey: env.QARD_API_KEY };
  return { kind: "none" };
}
