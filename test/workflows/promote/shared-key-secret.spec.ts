/**
 * Two stacks whose key secrets are one secret spelled two ways (a name, its ARN): the promotion refuses,
 * comparing the ARNs DescribeSecret resolves (against moto; the key's value is never read).
 */
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedKeySecretProblems } from "../../../workflows/promote/shared-key-secret.ts";
import { startTestMoto } from "../../helpers/test-moto.ts";

const moto = startTestMoto();
let sharedArn: string;

beforeAll(async () => {
  const shared = await moto.secrets.send(
    new CreateSecretCommand({ Name: "qard/shared/api-key", SecretString: "k1" }),
  );
  sharedArn = shared.ARN!;
  await moto.secrets.send(new CreateSecretCommand({ Name: "qard/prod/api-key", SecretString: "k2" }));
});

describe("sharedKeySecretProblems", () => {
  it("refuses one secret named by name in one stack and by ARN in the other", async () => {
    const problems = await sharedKeySecretProblems({
      staging: { apiKey: false, apiKeySecretId: "qard/shared/api-key" },
      prod: { apiKey: false, apiKeySecretId: sharedArn },
    });
    expect(problems).toEqual([
      `staging ("qard/shared/api-key") and prod ("${sharedArn}") read their Qard key from the same secret ${sharedArn}: give each its own`,
    ]);
  });

  it("accepts two different secrets", async () => {
    expect(
      await sharedKeySecretProblems({
        staging: { apiKey: false, apiKeySecretId: "qard/shared/api-key" },
        prod: { apiKey: false, apiKeySecretId: "qard/prod/api-key" },
      }),
    ).toEqual([]);
  });

  it("refuses when a key secret cannot be described, rather than guess", async () => {
    const problems = await sharedKeySecretProblems({
      staging: { apiKey: false, apiKeySecretId: "qard/shared/api-key" },
      prod: { apiKey: false, apiKeySecretId: "qard/missing/api-key" },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      `could not tell whether prod's key secret "qard/missing/api-key" is another stack's`,
    );
    expect(problems[0]).toContain("was not found");
  });
});
