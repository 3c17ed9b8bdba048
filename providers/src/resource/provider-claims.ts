import * as pulumi from "@pulumi/pulumi";

/**
 * Which resource of the running program configures which Qard provider. Two resources aimed at one provider
 * would overwrite each other, and deleting one would disable both. Lives in the program process only (the
 * serialized provider never references it), one table per program run: the Automation API runs several
 * programs in one process, each with its own Stack resource.
 */
const claimsByRun = new WeakMap<object, Map<string, string>>();

/** Records that `resourceName` configures `providerName`; throws naming both resources if another does. */
export function claimProvider(providerName: string, resourceName: string): void {
  const run = pulumi.runtime.getStackResource();
  // No program run (unit tests with mocks construct resources freely): nothing to compare with.
  if (run === undefined) return;
  let claims = claimsByRun.get(run);
  if (claims === undefined) {
    claims = new Map();
    claimsByRun.set(run, claims);
  }
  const holder = claims.get(providerName);
  if (holder !== undefined && holder !== resourceName) {
    throw new pulumi.RunError(duplicateMessage(providerName, holder, resourceName));
  }
  claims.set(providerName, resourceName);
}

export function duplicateMessage(providerName: string, first: string, second: string): string {
  return (
    `Qard provider "${providerName}" is configured by two resources, "${first}" and "${second}": they would ` +
    `overwrite each other, and deleting one would disable both. Keep one QardProviderConfig per provider.`
  );
}
