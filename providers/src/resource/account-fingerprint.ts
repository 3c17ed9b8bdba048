import { createHash } from "node:crypto";

/**
 * What a stack records of the account it manages. Qard's API gives no account identifier, so the identity
 * is a fingerprint of the API URL and key: a one-way digest, cut to 64 bits, of a high-entropy opaque key
 * (it says which account, not what the key is). The same for every stack of every project, so two stacks
 * that claim one account can be told apart by comparing their fingerprints.
 */
export function accountFingerprint(baseUrl: string, apiKey: string): string {
  const url = baseUrl.replace(/\/+$/, "");
  return createHash("sha256")
    .update(`qard-iac account fingerprint v1\n${url}\n${apiKey}`)
    .digest("hex")
    .slice(0, 16);
}

export const FINGERPRINT_PATTERN = /^[0-9a-f]{16}$/;

/** The account and where its identity stands: what the state says, what the config pins, what the key is. */
export interface IdentityFacts {
  /** The named account of `qard:accounts`; undefined for the one-account form (`qard:apiUrl`, `qard:apiKey`). */
  account?: string | undefined;
  /** The key's setting, named in the message (`qard:apiKey`, `QARD_API_KEY`, `qard:accounts.eu.apiKey`). */
  apiKeySetting: string;
  current: string;
  recorded?: string | undefined;
  pinned?: string | undefined;
}

/** Where a stack pins its account's fingerprint: `qard:fingerprint`, or `qard:accounts.<account>.fingerprint`. */
export function fingerprintSetting(account: string | undefined): string {
  return account === undefined ? "qard:fingerprint" : `qard:accounts.${account}.fingerprint`;
}

/**
 * Why this key may not act for this account, or undefined when it may. A pinned fingerprint
 * (`qard:fingerprint`, `qard:accounts.<account>.fingerprint`) is the user's explicit word and wins over the
 * recorded one: it is how a rotated key of the same account is accepted. Without a pin, the key must match
 * what the state recorded; a first run records it.
 */
export function identityProblem(facts: IdentityFacts): string | undefined {
  const { account, apiKeySetting, current, recorded, pinned } = facts;
  const pin = fingerprintSetting(account);
  if (pinned !== undefined) {
    if (pinned === current) return undefined;
    return (
      `the key from ${apiKeySetting} belongs to Qard account ${current}, but ${pin} pins ${pinned}: ` +
      `put the key of account ${pinned} there, or change the pin if the stack is meant to move`
    );
  }
  if (recorded === undefined || recorded === current) return undefined;
  const managed = account === undefined ? "" : ` as "${account}"`;
  const confirm =
    account === undefined
      ? `\`pulumi config set ${pin} ${current}\``
      : `\`pulumi config set --path '${pin}' ${current}\``;
  return (
    `the key from ${apiKeySetting} now points at another Qard account (${current}) than the one this stack ` +
    `manages${managed} (${recorded}); nothing was written. Put back the key of account ${recorded}, or, ` +
    `if the key was rotated (or the URL moved) for the same account, confirm it with ${confirm}`
  );
}
