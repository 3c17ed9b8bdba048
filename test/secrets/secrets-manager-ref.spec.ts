/**
 * A Secrets Manager reference has one schema (providers/src/resource/input-schemas.ts): the resource's
 * `check` and the program's stack config accept and refuse the same references, and the workflows read
 * the same shape back (secretsManagerRefIn).
 */
import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../infra/stack-config.ts";
import { checkInputs } from "../../providers/src/resource/check-inputs.ts";
import { secretsManagerRefIn } from "../../providers/src/secrets/secrets-manager-ref.ts";

function checkAccepts(ref: unknown): boolean {
  const { failures } = checkInputs({ providerName: "shopify", credentialsRef: ref });
  return !failures.some((failure) => failure.property === "credentialsRef");
}

function stackConfigAccepts(ref: unknown): boolean {
  try {
    parseStackConfig("dev", { providers: { shopify: { credentials: { secretsManager: ref } } } });
    return true;
  } catch {
    return false;
  }
}

describe("a Secrets Manager reference", () => {
  it.each([
    [{ secretId: "qard/dev/shopify" }, true],
    [{ secretId: "arn:aws:secretsmanager:eu-west-3:123456789012:secret:qard-AbCdEf" }, true],
    [{ secretId: "qard/dev/shopify", region: "eu-west-3", versionStage: "AWSPENDING" }, true],
    [{ secretId: "" }, false],
    [{ region: "eu-west-3" }, false],
    [{ secretId: "qard/dev/shopify", region: "" }, false],
    [{ secretId: "qard/dev/shopify", versionStage: "" }, false],
    [{ secretId: "qard/dev/shopify", versionId: "v1" }, false],
    [{ secretId: 42 }, false],
    ["qard/dev/shopify", false],
  ])("%j: accepted = %s by check and the stack config alike", (ref, accepted) => {
    expect({ check: checkAccepts(ref), stackConfig: stackConfigAccepts(ref) }).toEqual({
      check: accepted,
      stackConfig: accepted,
    });
  });

  it("is read back from credentials only in the { secretsManager: { secretId } } shape", () => {
    const ref = { secretId: "qard/dev/shopify", region: "eu-west-3" };
    expect(secretsManagerRefIn({ secretsManager: ref })).toEqual(ref);
    expect(secretsManagerRefIn({ client_id: "id", client_secret: "secret" })).toBeUndefined();
    expect(secretsManagerRefIn({ secretsManager: { region: "eu-west-3" } })).toBeUndefined();
    expect(secretsManagerRefIn({ secretsManager: "qard/dev/shopify" })).toBeUndefined();
    expect(secretsManagerRefIn(undefined)).toBeUndefined();
  });
});
