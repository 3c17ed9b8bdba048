import { connectionSettingName } from "./account-connection.ts";
import { chooseApiKeySource } from "./api-key-source.ts";
import { PartialApplyError } from "./apply-error.ts";
import { apiUrlFrom, apiUrlSettingOf, type ConnectionConfig } from "./connection.ts";
import { messageOf } from "../error-message.ts";

/** Where this run's key came from, in the words a user sets it with. Never the key itself. */
export function apiKeySourceLabel(config: ConnectionConfig, env: NodeJS.ProcessEnv = process.env): string {
  const source = chooseApiKeySource(config, env);
  switch (source.kind) {
    case "stack-config":
      return `${connectionSettingName(config, "apiKey")} (the stack's config)`;
    case "stack-secret":
      return `the Secrets Manager secret "${source.secretId}" named by ${connectionSettingName(config, "apiKeySecretId")}`;
    case "environment":
      return "the QARD_API_KEY environment variable";
    case "none":
      return "nowhere (no key is configured)";
  }
}

function isKeyRefusal(error: unknown): boolean {
  for (let at: unknown = error; at instanceof Error; at = at.cause) {
    if (at.name === "QardAuthError") return true;
  }
  return false;
}

/**
 * Runs one provider operation; when Qard refused the key, the error says which key source and which URL
 * this run used. Drift and refreshes read the key from the stack's config at run time, so after a rotation
 * the message points at the source to fix instead of leaving the user to guess which key was sent.
 */
export async function withKeySourceOnRefusal<T>(
  config: ConnectionConfig,
  run: () => Promise<T>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isKeyRefusal(error) || error instanceof PartialApplyError) throw error;
    const message = messageOf(error);
    throw new Error(
      `${message} Qard refused the API key from ${apiKeySourceLabel(config, env)}, sent to ` +
        // "<url> (<setting>)", as every message about the connection names it (ConnectionSettings).
        `${apiUrlFrom(config, env)} (${apiUrlSettingOf(config, env)}): if the key was rotated or revoked, ` +
        `put the current one there`,
      { cause: error },
    );
  }
}
