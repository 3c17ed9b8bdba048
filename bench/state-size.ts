import { readFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_NAME } from "../workflows/stacks/stack.ts";

export interface StateSize {
  resources: number;
  /** Bytes of one serialized `__provider` (it is stored twice per resource: in inputs and in outputs). */
  providerBytes: number;
  /** Mean bytes of one resource's entry in the checkpoint, `__provider` copies included. */
  bytesPerResource: number;
  /** The whole checkpoint file (stack outputs, default provider, secrets manager state included). */
  checkpointBytes: number;
}

interface CheckpointResource {
  type: string;
  inputs?: Record<string, unknown>;
}

/**
 * Reads the stack's checkpoint as it is stored at rest on the file backend, rather than `stack export`,
 * which decrypts secrets and so would not show the stored size.
 */
export async function stateSize(
  backendDir: string,
  stackName: string,
  resourceType: string,
): Promise<StateSize> {
  const file = path.join(backendDir, ".pulumi", "stacks", PROJECT_NAME, `${stackName}.json`);
  const text = await readFile(file, "utf8");
  const checkpoint = JSON.parse(text) as { checkpoint?: { latest?: { resources?: CheckpointResource[] } } };
  const resources = (checkpoint.checkpoint?.latest?.resources ?? []).filter((r) => r.type === resourceType);
  if (resources.length === 0) throw new Error(`no ${resourceType} resource in ${file}`);
  const entryBytes = resources.map((resource) => byteLength(JSON.stringify(resource)));
  const provider = resources[0]?.inputs?.__provider;
  return {
    resources: resources.length,
    providerBytes: byteLength(typeof provider === "string" ? provider : JSON.stringify(provider ?? "")),
    bytesPerResource: Math.round(entryBytes.reduce((sum, bytes) => sum + bytes, 0) / resources.length),
    checkpointBytes: byteLength(text),
  };
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
