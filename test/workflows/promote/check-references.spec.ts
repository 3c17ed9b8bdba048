/**
 * Promote's checks of the target's Secrets Manager references, against moto: the target's secrets are read,
 * the source's only described (DescribeSecret), and a source secret that cannot be described is a refusal.
 */
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { beforeAll, describe, expect, it } from "vitest";
import { checkTargetReferences } from "../../../workflows/promote/check-references.ts";
import { startTestMoto } from "../../helpers/test-moto.ts";

const names = { from: "staging", to: "prod" };
const moto = startTestMoto();
let stagingArn: string;

beforeAll(async () => {
  const payload = (secret: string) => JSON.stringify({ client_id: "id", client_secret: secret });
  const staging = await moto.secrets.send(
    new CreateSecretCommand({ Name: "qard/staging/shopify", SecretString: payload("staging-secret") }),
  );
  stagingArn = staging.ARN!;
  await moto.secrets.send(
    new CreateSecretCommand({ Name: "qard/prod/shopify", SecretString: payload("prod-secret") }),
  );
});

function shopifyAt(secretId: string) {
  return { shopify: { enabled: true, credentials: { secretsManager: { secretId } } } };
}

describe("checkTargetReferences", () => {
  it("reads the target's secret and only describes the source's", async () => {
    await moto.server.startRecording();
    const problems = await checkTargetReferences(
      shopifyAt("qard/staging/shopify"),
      shopifyAt("qard/prod/shopify"),
      names,
    );
    expect(problems).toEqual([]);
    // One GetSecretValue: the target's. The source's secret is never read.
    expect((await moto.server.secretsActions()).sort()).toEqual(["DescribeSecret", "GetSecretValue"]);
  });

  it("refuses a target naming the source's secret by its ARN", async () => {
    const problems = await checkTargetReferences(
      shopifyAt("qard/staging/shopify"),
      shopifyAt(stagingArn),
      names,
    );
    expect(problems).toEqual([
      expect.stringMatching(/^prod shopify: uses the same secret as staging .*: give prod its own/),
    ]);
  });

  it("refuses when the source's secret cannot be described, instead of skipping the comparison", async () => {
    const problems = await checkTargetReferences(
      shopifyAt("qard/staging/no-such-secret"),
      shopifyAt("qard/prod/shopify"),
      names,
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^prod shopify: could not tell whether it is staging's secret \("qard\/staging\/no-such-secret"\): .*not found/,
      ),
    ]);
    expect(problems.join("\n")).not.toMatch(/staging-secret|prod-secret/);
  });
});
