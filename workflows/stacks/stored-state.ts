import type { Deployment, Workspace } from "@pulumi/pulumi/automation/index.js";
import { runWorkspaceCli } from "./workspace-cli.ts";

/**
 * A stack's state as its backend stores it: `pulumi stack export` without `--show-secrets`, so its secrets
 * stay ciphertext. What the commands check in a state (the provider code stored, operations in flight,
 * whether it changed, the accounts another stack claims) is never secret, so no passphrase or KMS key is
 * needed (another stack's may not be at hand) and no plaintext reaches this process; the Automation API's
 * exportStack always decrypts.
 */
export async function exportStoredState(workspace: Workspace, stackName: string): Promise<Deployment> {
  const args = ["stack", "export", "--stack", stackName, "--non-interactive"];
  return JSON.parse(await runWorkspaceCli(workspace, args)) as Deployment;
}
