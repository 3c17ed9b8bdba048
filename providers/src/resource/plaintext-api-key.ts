import * as pulumi from "@pulumi/pulumi";

/**
 * Refuses a `qard:apiKey` stored in plaintext, in any program that declares a QardProviderConfig. The
 * provider cannot tell (Node's dynamic-provider host unwraps secrets before `configure` sees them), so the
 * check runs where the engine's list of secret config keys is known: the program. `isConfigSecret` is not
 * in the SDK's typings; without it nothing can be told, and nothing is refused.
 */
export function refusePlaintextApiKey(): void {
  const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret?: unknown }).isConfigSecret;
  if (typeof isConfigSecret !== "function") return;
  if (pulumi.runtime.getConfig("qard:apiKey") === undefined) return;
  if ((isConfigSecret as (key: string) => boolean)("qard:apiKey")) return;
  throw new pulumi.RunError(
    "qard:apiKey is stored in plaintext: set it again with `pulumi config set --secret qard:apiKey <key>`, " +
      "or give the key through QARD_API_KEY or qard:apiKeySecretId",
  );
}
