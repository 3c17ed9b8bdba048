import type { Deployment, Stack } from "@pulumi/pulumi/automation/index.js";
import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import { isKnownStub } from "@qard-iac/pulumi-qard/internal";
import { exportStoredState } from "./stored-state.ts";

interface StoredResource {
  urn?: unknown;
  type?: unknown;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The resources of an exported deployment, pending operations' included (the engine runs those too). */
export function storedResources(deployment: Deployment): StoredResource[] {
  const body = (deployment.deployment ?? {}) as { resources?: unknown; pending_operations?: unknown };
  const resources = Array.isArray(body.resources) ? (body.resources as StoredResource[]) : [];
  const pending = Array.isArray(body.pending_operations)
    ? (body.pending_operations as Array<{ resource?: StoredResource }>).flatMap((op) =>
        op.resource ? [op.resource] : [],
      )
    : [];
  return [...resources, ...pending];
}

/**
 * The URNs of Qard resources whose stored provider code (`__provider`, in inputs and in outputs) is not a
 * stub this library writes. An encrypted `__provider` is refused too: the library's stub captures no secret.
 */
export function unknownStoredProviders(deployment: Deployment): string[] {
  const unknown = new Set<string>();
  for (const resource of storedResources(deployment)) {
    if (resource.type !== QARD_PROVIDER_CONFIG_TYPE) continue;
    const stored = [resource.inputs?.__provider, resource.outputs?.__provider].filter((p) => p !== undefined);
    if (stored.length === 0 || stored.some((text) => !isKnownStub(text))) unknown.add(String(resource.urn));
  }
  return [...unknown];
}

/** A Qard resource's state holds provider code the library did not write: no engine run on it. */
export class UnknownStoredProviderError extends Error {
  readonly urns: string[];
  constructor(stackName: string, urns: string[]) {
    const names = urns.map((urn) => `"${urn.slice(urn.lastIndexOf("::") + 2)}" (${urn})`).join(", ");
    super(
      `Stack ${stackName}: the provider code stored in state for ${names} is not the stub this library ` +
        `writes, and the engine would run it with the Qard key in reach. Nothing was run. Inspect ` +
        `__provider in \`pulumi stack export --stack ${stackName}\`; restore the state from a backup, or ` +
        `remove the resource from state (\`pulumi state delete <urn>\`) and let \`pulumi up\` adopt the provider again.`,
    );
    this.name = "UnknownStoredProviderError";
    this.urns = urns;
  }
}

/**
 * Exports the stack's state (as stored: secrets stay ciphertext) and refuses it when a Qard resource holds
 * provider code of unknown origin.
 */
export async function refuseUnknownStoredProviders(stack: Stack): Promise<Deployment> {
  const deployment = await exportStoredState(stack.workspace, stack.name);
  const urns = unknownStoredProviders(deployment);
  if (urns.length > 0) throw new UnknownStoredProviderError(stack.name, urns);
  return deployment;
}
