/**
 * A referenced secret scheduled for deletion (DeleteSecret with a recovery window): it still describes, but
 * nothing can read it and it disappears at the date. The metadata read that preview and drift make must
 * say so, against moto.
 */
import { CreateSecretCommand, DeleteSecretCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { describeSecretVersion, SecretSourceError } from "../../providers/src/internal.ts";
import { loadSerializedProvider } from "../helpers/serialized-provider.ts";
import { startTestMoto } from "../helpers/test-moto.ts";

const moto = startTestMoto();

describe("a referenced secret scheduled for deletion", () => {
  it("fails the metadata read, naming the secret, the date and how to restore it", async () => {
    const created = await moto.secrets.send(
      new CreateSecretCommand({ Name: "qard/deleting/shopify", SecretString: '{"client_id":"a"}' }),
    );
    expect(await describeSecretVersion({ secretId: "qard/deleting/shopify" })).toMatchObject({
      arn: created.ARN,
    });
    await moto.secrets.send(
      new DeleteSecretCommand({ SecretId: "qard/deleting/shopify", RecoveryWindowInDays: 7 }),
    );
    const error = await describeSecretVersion({ secretId: "qard/deleting/shopify" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretSourceError);
    expect((error as Error).message).toMatch(
      /^secret "qard\/deleting\/shopify" is scheduled for deletion \(on \d{4}-\d\d-\d\dT[^)]+\): restore it/,
    );
    expect((error as Error).message).toContain(`restore-secret --secret-id ${created.ARN}`);
  });

  it("fails the check that preview and drift run on an existing resource, as a failure on credentials", async () => {
    await moto.secrets.send(
      new CreateSecretCommand({ Name: "qard/deleting/paypal", SecretString: '{"client_id":"a"}' }),
    );
    const provider = await loadSerializedProvider({ "qard:apiKey": "unused-no-call" });
    const news = {
      providerName: "shopify",
      credentialsRef: { secretId: "qard/deleting/paypal" },
      settings: {},
      enabled: true,
    };
    const olds = { ...news, schemaVersion: 1 };
    expect((await provider.check(olds, news)).failures).toEqual([]);
    await moto.secrets.send(
      new DeleteSecretCommand({ SecretId: "qard/deleting/paypal", RecoveryWindowInDays: 30 }),
    );
    const { failures } = await provider.check(olds, news);
    expect(failures).toHaveLength(1);
    expect(failures![0]).toMatchObject({ property: "credentials" });
    expect(failures![0]!.reason).toContain('secret "qard/deleting/paypal" is scheduled for deletion');
  });
});
