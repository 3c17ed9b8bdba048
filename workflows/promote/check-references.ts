import type { SecretsManagerRef } from "@qard-iac/pulumi-qard";
import {
  describeSecretVersion,
  readSecretJson,
  messageOf,
  catalogueEntry,
  credentialPayloadProblems,
  ownValue,
  secretsManagerRefIn,
} from "@qard-iac/pulumi-qard/internal";
import type { RawProvider, RawProviders } from "../stacks/stack-file.ts";

function referenceOf(provider: RawProvider | undefined): SecretsManagerRef | undefined {
  return secretsManagerRefIn(provider?.credentials);
}

/** The secret's ARN from its metadata alone: the source's values are never read, nor readable by the role. */
async function arnOf(ref: SecretsManagerRef): Promise<string> {
  return (await describeSecretVersion(ref)).arn;
}

/**
 * Checks every Secrets Manager reference of the target: the secret exists, parses as a JSON object with
 * the provider's credential keys, and is not the source's own secret. Returns every problem at once;
 * messages name secrets and keys, never values.
 */
export async function checkTargetReferences(
  source: RawProviders,
  target: RawProviders,
  names: { from: string; to: string },
): Promise<string[]> {
  const checks = Object.entries(target).map(async ([name, provider]): Promise<string[]> => {
    const ref = referenceOf(provider);
    if (!ref) return [];
    const problems: string[] = [];
    let targetArn: string | undefined;
    try {
      const secret = await readSecretJson(ref);
      targetArn = secret.version.arn;
      const keyProblems = credentialPayloadProblems(catalogueEntry(name)?.credentials, secret.payload);
      if (keyProblems.length > 0)
        problems.push(`${names.to} ${name}: secret "${ref.secretId}": ${keyProblems.join("; ")}`);
    } catch (error) {
      problems.push(`${names.to} ${name}: ${messageOf(error)}`);
    }
    const sourceRef = referenceOf(ownValue(source, name) as RawProvider | undefined);
    if (sourceRef) {
      const sameId = sourceRef.secretId === ref.secretId && (sourceRef.region ?? "") === (ref.region ?? "");
      let sameSecret = sameId;
      // Another name or region may still be the same secret (a name and its ARN): compare ARNs.
      if (!sameId && targetArn !== undefined) {
        try {
          sameSecret = targetArn === (await arnOf(sourceRef));
        } catch (error) {
          problems.push(
            `${names.to} ${name}: could not tell whether it is ${names.from}'s secret ("${sourceRef.secretId}"): ${messageOf(error)}`,
          );
        }
      }
      if (sameSecret) {
        problems.push(
          `${names.to} ${name}: uses the same secret as ${names.from} ("${ref.secretId}"): give ${names.to} its own (e.g. qard/${names.to}/${name})`,
        );
      }
    }
    return problems;
  });
  return (await Promise.all(checks)).flat();
}
