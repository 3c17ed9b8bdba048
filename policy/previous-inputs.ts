import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { messageOf, isRecord } from "@qard-iac/pulumi-qard/internal";

// A policy sees only the new inputs of a resource. The values deployed last are in the stack's state,
// read once per policy run with `pulumi stack export` (no --show-secrets: secrets stay encrypted). The
// analyzer runs with the CLI's environment, so the same backend and `pulumi` on PATH are at hand.

const run = promisify(execFile);
let exported: Promise<unknown> | undefined;

/** The last deployment of this stack (cached for the run), or an Error saying why it could not be read. */
export function lastDeployment(): Promise<unknown> {
  exported ??= exportStack().catch((error: unknown) => new Error(reasonOf(error)));
  return exported;
}

async function exportStack(): Promise<unknown> {
  const stack = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
  const { stdout } = await run("pulumi", ["stack", "export", "--stack", stack, "--non-interactive"], {
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout) as unknown;
}

function reasonOf(error: unknown): string {
  const stderr = isRecord(error) && typeof error.stderr === "string" ? error.stderr.trim() : "";
  const message = messageOf(error).split("\n")[0];
  return (stderr.split("\n").find((line) => line.startsWith("error:")) ?? message ?? "unknown error").slice(
    0,
    300,
  );
}

/** The inputs the resource was last deployed with, from an exported deployment; undefined if new. */
export function previousInputsOf(deployment: unknown, urn: string): Record<string, unknown> | undefined {
  const resources =
    isRecord(deployment) && isRecord(deployment.deployment) ? deployment.deployment.resources : [];
  if (!Array.isArray(resources)) return undefined;
  const found: unknown = resources.find((resource) => isRecord(resource) && resource.urn === urn);
  return isRecord(found) && isRecord(found.inputs) ? found.inputs : undefined;
}
