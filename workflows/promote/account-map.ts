/**
 * Which account of the target receives which account of the source. Account names are each stack's own
 * (`staging-eu` in staging, `prod-eu` in prod), so a promotion between stacks with `qard:accounts` is told
 * explicitly (`--map staging-eu=prod-eu`), never guessed from equal names: a wrong guess would copy one
 * legal entity's settings onto another's account.
 */

/** One source account and the target account its settings go to. */
export interface AccountPair {
  from: string;
  to: string;
}

export interface AccountMappingInput {
  fromStack: string;
  toStack: string;
  /** The keys of each stack file's `qard:accounts`; empty in the one-account form. */
  sourceAccounts: readonly string[];
  targetAccounts: readonly string[];
  /** `--map <source account>=<target account>`, as parsed. */
  map: Readonly<Record<string, string>>;
}

export interface AccountMapping {
  /** Empty when both stacks use the one-account form (`qard:providers` is promoted as it is). */
  pairs: AccountPair[];
  /** Why the mapping cannot be used; every reason at once. */
  problems: string[];
}

function listed(accounts: readonly string[]): string {
  return accounts.length === 0 ? "none" : accounts.join(", ");
}

/**
 * Every account of the source must be mapped, to an account the target describes, and no two onto one
 * (that would merge two Qard accounts' settings). Target accounts that nothing maps to are left as they
 * are, like the target's own providers.
 */
export function planAccountMapping(input: AccountMappingInput): AccountMapping {
  const { fromStack, toStack, sourceAccounts, targetAccounts, map } = input;
  const mapped = Object.entries(map);
  if (sourceAccounts.length === 0 && targetAccounts.length === 0) {
    if (mapped.length === 0) return { pairs: [], problems: [] };
    return {
      pairs: [],
      problems: [
        `--map maps accounts of qard:accounts, and neither ${fromStack} nor ${toStack} has any: run without --map`,
      ],
    };
  }
  if (sourceAccounts.length === 0 || targetAccounts.length === 0) {
    const [withAccounts, without] = sourceAccounts.length === 0 ? [toStack, fromStack] : [fromStack, toStack];
    return {
      pairs: [],
      problems: [
        `${withAccounts} describes its Qard accounts in qard:accounts and ${without} uses the one-account form ` +
          `(qard:apiUrl, qard:providers): a promotion needs both stacks in the same form`,
      ],
    };
  }
  const problems: string[] = [];
  for (const [from, to] of mapped) {
    if (!sourceAccounts.includes(from)) {
      problems.push(
        `--map ${from}=${to}: ${fromStack} has no account "${from}" (its accounts: ${listed(sourceAccounts)})`,
      );
    }
    if (!targetAccounts.includes(to)) {
      problems.push(
        `--map ${from}=${to}: ${toStack} has no account "${to}" (its accounts: ${listed(targetAccounts)}); ` +
          `describe it in Pulumi.${toStack}.yaml first (qard:accounts.${to}.apiUrl and its key)`,
      );
    }
  }
  for (const account of sourceAccounts) {
    if (!Object.hasOwn(map, account)) {
      problems.push(
        `account "${account}" of ${fromStack} is not mapped: add --map ${account}=<account of ${toStack}> ` +
          `(${toStack}'s accounts: ${listed(targetAccounts)})`,
      );
    }
  }
  const bySource = new Map<string, string[]>();
  for (const [from, to] of mapped) bySource.set(to, [...(bySource.get(to) ?? []), from]);
  for (const [to, sources] of bySource) {
    if (sources.length > 1) {
      problems.push(
        `--map sends ${sources.map((s) => `"${s}"`).join(" and ")} to one account "${to}" of ${toStack}: ` +
          "map each account of the source to an account of its own",
      );
    }
  }
  if (problems.length > 0) return { pairs: [], problems };
  return { pairs: sourceAccounts.map((from) => ({ from, to: map[from] as string })), problems: [] };
}
