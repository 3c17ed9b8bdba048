import * as pulumi from "@pulumi/pulumi";

/**
 * Which resource of the running program configures which Qard provider. Two resources aimed at one provider
 * would overwrite each other, and deleting one would disable both. Lives in the program process only (the
 * serialized provider never references it), one table per program run: the Automation API runs several
 * programs in one process, each with its own Stack resource.
 */
const claimsByRun = new WeakMap<object, Map<string, string>>();

/**
 * Records that `resourceName` configures `providerName` (of `account`, or of the stack's default connection);
 * throws naming both resources if another does. The same provider in two accounts is two Qard objects.
 */
export function claimProvider(providerName: string, resourceName: string, account?: string): void {
  const run = pulumi.runtime.getStackResource();
  // No program run (unit tests with mocks construct resources freely): nothing to compare with.
  if (run === undefined) return;
  let claims = claimsByRun.get(run);
  if (claims === undefined) {
    claims = new Map();
    claimsByRun.set(run, claims);
  }
  // A NUL cannot occur in an account or provider name: the key is unambiguous.
  const key = `${account ?? ""}\u0000${providerName}`;
  const holder = claims.get(key);
  if (holder !== undefined && holder !== resourceName) {
    throw new pulumi.RunError(duplicateMessage(providerName, holder, resourceName, account));
  }
  claims.set(key, resourceName);
}

export function duplicateMessage(
  providerName: string,
  first: string,
  second: string,
  account?: string,
): string {
  const which = account === undefined ? "" : ` of account "${account}"`;
  return (
    `Qard provider "${providerName}"${which} is configured by two resources, "${first}" and "${second}": they ` +
    `would overwrite each other, and deleting one would disable both. Keep one QardProviderConfig per ` +
    `provider${account === undefined ? "" : " and account"}.`
  );
}
