import type { SecretsManagerRef } from "./secrets-manager-ref.ts";
import { SecretSourceError } from "./secret-source-error.ts";
import { loadSecretsManagerSdk } from "./secrets-manager-sdk.ts";
import {
  callSignal,
  createSecretsManagerClient,
  DEFAULT_SECRETS_TIMEOUT_MS,
  interruptionOf,
  type SecretsCallLimits,
} from "./secrets-manager-client.ts";
import { messageOf } from "../error-message.ts";
import { isRecord } from "../is-record.ts";

export interface SecretVersion {
  arn: string;
  versionId: string;
}

export interface SecretJson {
  version: SecretVersion;
  /** The parsed payload. Hold it only as long as the write that needs it. */
  payload: Record<string, unknown>;
}

export interface ReadSecretOptions extends SecretsCallLimits {
  /** Read this exact version (what `check` resolved) instead of following the staging label. */
  versionId?: string;
}

const DEFAULT_STAGE = "AWSCURRENT";

/** The region in an ARN wins over a configured one: the secret lives where its ARN says. */
export function regionOf(ref: SecretsManagerRef): string | undefined {
  const fromArn = /^arn:[^:]+:secretsmanager:([^:]+):/.exec(ref.secretId)?.[1];
  return fromArn ?? ref.region;
}

export interface SecretText {
  version: SecretVersion;
  text: string;
}

/**
 * Reads a secret's text from AWS Secrets Manager with the AWS SDK, whose standard variables
 * (AWS_REGION, AWS_ENDPOINT_URL_SECRETS_MANAGER or AWS_ENDPOINT_URL, the credentials chain) apply.
 */
export async function readSecretText(
  ref: SecretsManagerRef,
  options: ReadSecretOptions = {},
): Promise<SecretText> {
  const { GetSecretValueCommand } = await loadSecretsManagerSdk();
  const client = await createSecretsManagerClient(regionOf(ref), options);
  const stage = ref.versionStage ?? DEFAULT_STAGE;
  const where = options.versionId ? `version ${options.versionId}` : `stage ${stage}`;
  try {
    const answer = await client
      .send(
        new GetSecretValueCommand({
          SecretId: ref.secretId,
          ...(options.versionId ? { VersionId: options.versionId } : { VersionStage: stage }),
        }),
        { abortSignal: callSignal(options) },
      )
      .catch((error: unknown) => {
        throw (
          interruptedError(ref.secretId, where, error, options) ??
          describeAwsError(ref.secretId, where, error)
        );
      });
    if (!answer.ARN || !answer.VersionId) {
      throw new SecretSourceError(
        ref.secretId,
        `Secrets Manager answered without ARN or VersionId for secret "${ref.secretId}"`,
      );
    }
    if (answer.SecretString === undefined) {
      throw new SecretSourceError(
        ref.secretId,
        `secret "${ref.secretId}" (${answer.VersionId}) holds binary data, expected text`,
      );
    }
    return { version: { arn: answer.ARN, versionId: answer.VersionId }, text: answer.SecretString };
  } finally {
    client.destroy();
  }
}

/**
 * The version a staging label points at, from the secret's metadata alone (DescribeSecret): what preview
 * and drift need to see a rotation, without permission to read any value.
 */
export async function describeSecretVersion(
  ref: SecretsManagerRef,
  limits: SecretsCallLimits = {},
): Promise<SecretVersion> {
  const { DescribeSecretCommand } = await loadSecretsManagerSdk();
  const client = await createSecretsManagerClient(regionOf(ref), limits);
  const stage = ref.versionStage ?? DEFAULT_STAGE;
  const where = `stage ${stage}`;
  try {
    const answer = await client
      .send(new DescribeSecretCommand({ SecretId: ref.secretId }), { abortSignal: callSignal(limits) })
      .catch((error: unknown) => {
        throw (
          interruptedError(ref.secretId, where, error, limits) ??
          describeAwsError(ref.secretId, where, error, "secretsmanager:DescribeSecret")
        );
      });
    if (!answer.ARN) {
      throw new SecretSourceError(
        ref.secretId,
        `Secrets Manager answered without ARN for secret "${ref.secretId}"`,
      );
    }
    // A secret in its recovery window still describes normally, but nothing can read it and it vanishes
    // at the date: the stack depends on a secret that is going away.
    if (answer.DeletedDate !== undefined) {
      throw new SecretSourceError(
        ref.secretId,
        `secret "${ref.secretId}" is scheduled for deletion (on ${answer.DeletedDate.toISOString()}): restore it ` +
          `(\`aws secretsmanager restore-secret --secret-id ${answer.ARN}\`) or point the stack at another secret`,
      );
    }
    const versionId = versionAtStage(answer.VersionIdsToStages ?? {}, stage);
    if (versionId === undefined) {
      throw new SecretSourceError(
        ref.secretId,
        `secret "${ref.secretId}" has no version labelled ${stage}: store a value, or fix versionStage`,
      );
    }
    return { arn: answer.ARN, versionId };
  } finally {
    client.destroy();
  }
}

/** The version id carrying `stage` in DescribeSecret's VersionIdsToStages. */
export function versionAtStage(versions: Record<string, string[]>, stage: string): string | undefined {
  return Object.entries(versions).find(([, stages]) => stages.includes(stage))?.[0];
}

/** Reads a secret that holds a JSON object (a provider's credentials). */
export async function readSecretJson(
  ref: SecretsManagerRef,
  options: ReadSecretOptions = {},
): Promise<SecretJson> {
  const { version, text } = await readSecretText(ref, options);
  return { version, payload: parseJsonObject(ref.secretId, version.versionId, text) };
}

/** Parses a payload without ever quoting it: JSON.parse's own message can contain the text. */
export function parseJsonObject(secretId: string, versionId: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SecretSourceError(
      secretId,
      `secret "${secretId}" (${versionId}) is not valid JSON: store a JSON object whose keys are the provider's credential keys`,
    );
  }
  if (!isRecord(parsed)) {
    throw new SecretSourceError(
      secretId,
      `secret "${secretId}" (${versionId}) must hold a JSON object whose keys are the provider's credential keys`,
    );
  }
  return parsed as Record<string, unknown>;
}

function interruptedError(
  secretId: string,
  where: string,
  error: unknown,
  limits: SecretsCallLimits,
): SecretSourceError | undefined {
  const interruption = interruptionOf(error, limits);
  if (interruption === "cancelled") {
    return new SecretSourceError(secretId, `reading secret "${secretId}" (${where}) was cancelled`);
  }
  if (interruption === "timed out") {
    const seconds = (limits.timeoutMs ?? DEFAULT_SECRETS_TIMEOUT_MS) / 1000;
    return new SecretSourceError(
      secretId,
      `reading secret "${secretId}" (${where}) got no answer from Secrets Manager within ${seconds} s: check ` +
        `the network path to Secrets Manager (proxy, VPC endpoint, AWS_ENDPOINT_URL_SECRETS_MANAGER) and AWS_REGION`,
    );
  }
  return undefined;
}

function describeAwsError(
  secretId: string,
  where: string,
  error: unknown,
  permission = "secretsmanager:GetSecretValue",
): SecretSourceError {
  const name = error instanceof Error ? error.name : "Error";
  switch (name) {
    case "ResourceNotFoundException":
      return new SecretSourceError(
        secretId,
        `secret "${secretId}" (${where}) was not found in Secrets Manager`,
      );
    case "AccessDeniedException":
      // Secrets Manager answers a refused kms:Decrypt as its own AccessDeniedException ("Access to KMS is
      // not allowed"): the fix is on the KMS key, not the secret's permission.
      if (isKmsRefusal(error)) return kmsRefusal(secretId, where, permission);
      return new SecretSourceError(
        secretId,
        `access denied reading secret "${secretId}": the role needs ${permission} on it`,
      );
    case "DecryptionFailure":
      return new SecretSourceError(
        secretId,
        `secret "${secretId}" (${where}) could not be decrypted with its KMS key: check that the key is ` +
          `enabled and that the role may use it (kms:Decrypt)`,
      );
    default: {
      if (/^KMS/.test(name)) return kmsRefusal(secretId, where, permission);
      if (/region is missing/i.test(messageOf(error))) {
        return new SecretSourceError(
          secretId,
          `no AWS region for secret "${secretId}": give its ARN, set \`region\` in the reference, or set AWS_REGION`,
        );
      }
      // AWS SDK messages describe the request, never the secret's value.
      const detail = messageOf(error);
      return new SecretSourceError(
        secretId,
        `reading secret "${secretId}" (${where}) failed: ${name}: ${detail}`,
      );
    }
  }
}

function isKmsRefusal(error: unknown): boolean {
  return error instanceof Error && /\bKMS\b/i.test(error.message);
}

function kmsRefusal(secretId: string, where: string, permission: string): SecretSourceError {
  return new SecretSourceError(
    secretId,
    `KMS refused to decrypt secret "${secretId}" (${where}): the role needs kms:Decrypt on the secret's KMS ` +
      `key (granted by the key policy or the role's policy); ${permission} on the secret was not what failed`,
  );
}
