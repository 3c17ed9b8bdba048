import { describeSecretVersion, messageOf } from "@qard-iac/pulumi-qard/internal";
import type { KeySource } from "../stacks/key-source.ts";

/** A secret's ARN from its metadata alone (DescribeSecret): the key itself is never read. */
export type ResolveSecretArn = (secretId: string) => Promise<string>;

const describeArn: ResolveSecretArn = async (secretId) => (await describeSecretVersion({ secretId })).arn;

/**
 * Whether two stacks read their Qard key from one secret spelled two ways (a name in one stack, its ARN or
 * a partial ARN in the other): compared by the ARN Secrets Manager resolves each id to. A secret that cannot
 * be described is a refusal too: "not shared" would then be a guess. Identical ids are keySourceProblems'.
 */
export async function sharedKeySecretProblems(
  stacks: Readonly<Record<string, KeySource>>,
  resolveArn: ResolveSecretArn = describeArn,
): Promise<string[]> {
  const bySecret = Object.entries(stacks).flatMap(([stack, source]) =>
    !source.apiKey && source.apiKeySecretId !== undefined ? [{ stack, secretId: source.apiKeySecretId }] : [],
  );
  if (new Set(bySecret.map((entry) => entry.secretId)).size < 2) return [];
  const problems: string[] = [];
  const resolved = await Promise.all(
    bySecret.map(async (entry) => {
      try {
        return { ...entry, arn: await resolveArn(entry.secretId) };
      } catch (error) {
        problems.push(
          `could not tell whether ${entry.stack}'s key secret "${entry.secretId}" is another stack's: ` +
            `${messageOf(error)}`,
        );
        return { ...entry, arn: undefined };
      }
    }),
  );
  const byArn = new Map<string, typeof resolved>();
  for (const entry of resolved) {
    if (entry.arn !== undefined) byArn.set(entry.arn, [...(byArn.get(entry.arn) ?? []), entry]);
  }
  for (const [arn, sharing] of byArn) {
    if (new Set(sharing.map((entry) => entry.secretId)).size < 2) continue;
    problems.push(
      `${sharing.map((entry) => `${entry.stack} ("${entry.secretId}")`).join(" and ")} read their Qard key ` +
        `from the same secret ${arn}: give each its own`,
    );
  }
  return problems;
}
