import type { Deployment, Stack } from "@pulumi/pulumi/automation/index.js";
import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import {
  accountFingerprint,
  connectionConfigFrom,
  connectionForAccount,
  resolveConnection,
} from "@qard-iac/pulumi-qard/internal";
import { storedResources } from "./stored-providers.ts";
import { exportStoredState } from "./stored-state.ts";

/** One account a stack manages: its name in that stack and the fingerprint of the Qard account. */
export interface AccountClaim {
  /** The name in `qard:accounts`; undefined for the one-account form (`qard:apiUrl`, `qard:apiKey`…). */
  account?: string;
  fingerprint: string;
}

/** The accounts a stack's state records (a resource from before fingerprints records none). */
export function accountClaimsIn(deployment: Deployment): AccountClaim[] {
  const claims = new Map<string, AccountClaim>();
  for (const resource of storedResources(deployment)) {
    if (resource.type !== QARD_PROVIDER_CONFIG_TYPE) continue;
    const { account, accountFingerprint: fingerprint } = resource.outputs ?? {};
    if (typeof fingerprint !== "string") continue;
    const claim = typeof account === "string" ? { account, fingerprint } : { fingerprint };
    claims.set(`${claim.account ?? ""}\u0000${fingerprint}`, claim);
  }
  return [...claims.values()];
}

/** How a claim's account is named in this stack: `qard:accounts.eu`, or the one-account form's settings. */
function accountSetting(claim: AccountClaim): string {
  return claim.account === undefined
    ? "the Qard account of qard:apiUrl and its key"
    : `qard:accounts.${claim.account}`;
}

/**
 * Why this stack may not manage its accounts: an account of it that another stack of the project already
 * manages, or two of its own account names for one Qard account. Both would let two sets of resources
 * configure the same providers, overwrite each other, and a destroy of one disable the other's.
 */
export function sharedAccountProblems(
  stack: string,
  mine: readonly AccountClaim[],
  others: ReadonlyArray<{ stack: string; claims: readonly AccountClaim[] }>,
): string[] {
  const problems: string[] = [];
  for (const [index, claim] of mine.entries()) {
    const twin = mine.slice(0, index).find((other) => other.fingerprint === claim.fingerprint);
    if (twin !== undefined) {
      problems.push(
        `${accountSetting(twin)} and ${accountSetting(claim)} of stack ${stack} are one Qard account ` +
          `(${claim.fingerprint}): keep one account name per Qard account`,
      );
    }
    for (const other of others) {
      const held = other.claims.find((c) => c.fingerprint === claim.fingerprint);
      if (held === undefined) continue;
      problems.push(
        `${accountSetting(claim)} of stack ${stack} is the Qard account that stack ${other.stack} manages` +
          `${held.account === undefined ? "" : ` as "${held.account}"`} (${claim.fingerprint}): two stacks would configure the same providers and undo each ` +
          `other's changes. Give this account its own key, or remove it from stack ${other.stack} first`,
      );
    }
  }
  return problems;
}

/** Two stacks (or two account names) claim one Qard account: refused before the engine runs. */
export class SharedAccountError extends Error {
  constructor(problems: readonly string[]) {
    super(`Refused, nothing was run: ${problems.join("; ")}`);
    this.name = "SharedAccountError";
  }
}

/**
 * The fingerprints of the accounts the stack's config describes now (keys read the way the provider reads
 * them; an account whose key cannot be read here is left out: the provider's own check still applies).
 */
async function configuredClaims(stack: Stack): Promise<AccountClaim[]> {
  const config = await stack.getAllConfig();
  const connection = connectionConfigFrom((key) => config[key]?.value);
  const claims: AccountClaim[] = [];
  const named = Object.keys(connection.accounts ?? {});
  if (named.length === 0) {
    // The one-account form: the key the provider would use, QARD_API_KEY included.
    try {
      const { baseUrl, apiKey } = await resolveConnection(connection);
      claims.push({ fingerprint: accountFingerprint(baseUrl, apiKey) });
    } catch {
      // No usable key here (a pull-request preview): nothing to compare.
    }
    return claims;
  }
  for (const account of named) {
    try {
      const { baseUrl, apiKey } = await resolveConnection(connectionForAccount(connection, account));
      claims.push({ account, fingerprint: accountFingerprint(baseUrl, apiKey) });
    } catch {
      // No usable key here (e.g. no right to read its secret): nothing to compare.
    }
  }
  return claims;
}

/**
 * Refuses a preview or an up of `stack` when one of its accounts is an account another stack of the
 * project manages (from their states: exported, never decrypted), or when two of its account names are one
 * Qard account.
 */
export async function refuseSharedAccounts(stack: Stack): Promise<void> {
  const mine = await configuredClaims(stack);
  if (mine.length === 0) return;
  const others: Array<{ stack: string; claims: AccountClaim[] }> = [];
  for (const summary of await stack.workspace.listStacks()) {
    if (summary.name === stack.name || summary.current) continue;
    const deployment = await exportStoredState(stack.workspace, summary.name);
    others.push({ stack: summary.name, claims: accountClaimsIn(deployment) });
  }
  const problems = sharedAccountProblems(stack.name, mine, others);
  if (problems.length > 0) throw new SharedAccountError(problems);
}
