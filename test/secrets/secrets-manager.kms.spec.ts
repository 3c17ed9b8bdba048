/**
 * A KMS refusal behind GetSecretValue, as Secrets Manager reports it: an AccessDeniedException whose message
 * says KMS. moto does not enforce KMS permissions, so a small 127.0.0.1 server answers the AWS JSON error and
 * the real AWS SDK builds its real error class from it.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSecretText, SecretSourceError } from "../../providers/src/internal.ts";
import { listenAsSecretsManager } from "../helpers/secrets-manager-endpoint.ts";

let server: Server;
let restoreEnv: (() => void) | undefined;
let answer: { type: string; message: string } = { type: "", message: "" };

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const body = JSON.stringify({ __type: answer.type, Message: answer.message });
      response
        .writeHead(400, {
          "content-type": "application/x-amz-json-1.1",
          "x-amzn-errortype": answer.type,
          "content-length": Buffer.byteLength(body),
        })
        .end(body);
    });
  });
  restoreEnv = await listenAsSecretsManager(server);
});

afterAll(async () => {
  restoreEnv?.();
  await new Promise((resolve) => server.close(resolve));
});

async function readFailure(): Promise<SecretSourceError> {
  const error = await readSecretText({ secretId: "qard/prod/shopify" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SecretSourceError);
  return error as SecretSourceError;
}

describe("a refused read of a secret", () => {
  it("says KMS refused the decryption and names kms:Decrypt, not a missing GetSecretValue", async () => {
    answer = { type: "AccessDeniedException", message: "Access to KMS is not allowed" };
    const { message } = await readFailure();
    expect(message).toContain('KMS refused to decrypt secret "qard/prod/shopify"');
    expect(message).toContain("kms:Decrypt");
    expect(message).not.toContain("needs secretsmanager:GetSecretValue");
  });

  it("still names secretsmanager:GetSecretValue when the secret itself is refused", async () => {
    answer = {
      type: "AccessDeniedException",
      message:
        "User: arn:aws:sts::123456789012:assumed-role/ci is not authorized to perform: secretsmanager:GetSecretValue",
    };
    const { message } = await readFailure();
    expect(message).toBe(
      'access denied reading secret "qard/prod/shopify": the role needs secretsmanager:GetSecretValue on it',
    );
  });

  it("points a DecryptionFailure at the KMS key", async () => {
    answer = {
      type: "DecryptionFailure",
      message: "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
    };
    const { message } = await readFailure();
    expect(message).toContain("could not be decrypted with its KMS key");
    expect(message).toContain("kms:Decrypt");
  });
});
