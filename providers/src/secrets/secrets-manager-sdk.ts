/** The AWS SDK's Secrets Manager package: an optional peer dependency, needed only by a reference. */
export const SECRETS_MANAGER_SDK = "@aws-sdk/client-secrets-manager";
import { messageOf } from "../error-message.ts";

/**
 * A Secrets Manager reference (credentials, or `qard:apiKeySecretId`) was used where the AWS SDK is not
 * installed. Not a SecretSourceError: a preview must fail on it, not skip the Qard lookup.
 */
export class MissingSecretsManagerSdkError extends Error {
  constructor() {
    super(
      `A Secrets Manager reference needs the AWS SDK's ${SECRETS_MANAGER_SDK}, an optional peer dependency ` +
        `of @qard-iac/pulumi-qard that is not installed: run \`npm install ${SECRETS_MANAGER_SDK}\` in the ` +
        `Pulumi project, or give the credentials by value`,
    );
    this.name = "MissingSecretsManagerSdkError";
  }
}

/**
 * Loads the SDK when a reference is first used: programs whose credentials are all by value never install
 * nor load it (about 24 MB of dependencies).
 */
export async function loadSecretsManagerSdk(): Promise<typeof import("@aws-sdk/client-secrets-manager")> {
  try {
    return await import("@aws-sdk/client-secrets-manager");
  } catch (error) {
    if (isMissing(error)) throw new MissingSecretsManagerSdkError();
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = messageOf(error);
  return (
    (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && message.includes(SECRETS_MANAGER_SDK)
  );
}
