import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { Deployment, Workspace } from "@pulumi/pulumi/automation/index.js";
import { isRecord } from "@qard-iac/pulumi-qard/internal";

const run = promisify(execFile);

/**
 * A stack's state as its backend stores it: `pulumi stack export` without `--show-secrets`, so its secrets
 * stay ciphertext. What the commands check in a state (the provider code stored, operations in flight,
 * whether it changed, the accounts another stack claims) is never secret, so no passphrase or KMS key is
 * needed (another stack's may not be at hand) and no plaintext reaches this process; the Automation API's
 * exportStack always decrypts.
 */
export async function exportStoredState(workspace: Workspace, stackName: string): Promise<Deployment> {
  const command = workspace.pulumiCommand.command;
  const args = ["stack", "export", "--stack", stackName, "--non-interactive"];
  // The environment the Automation API gives the CLI: the workspace's variables, its PULUMI_HOME, and the
  // CLI's own folder first on PATH so that its bundled plugins are the ones found.
  const env: NodeJS.ProcessEnv = { ...process.env, ...workspace.envVars };
  if (workspace.pulumiHome !== undefined) env.PULUMI_HOME = workspace.pulumiHome;
  if (path.isAbsolute(command))
    env.PATH = [path.dirname(command), env.PATH].filter(Boolean).join(path.delimiter);
  try {
    const { stdout } = await run(command, args, {
      cwd: workspace.workDir,
      env,
      maxBuffer: Number.POSITIVE_INFINITY,
    });
    return JSON.parse(stdout) as Deployment;
  } catch (error) {
    const stderr = isRecord(error) && typeof error.stderr === "string" ? error.stderr.trim() : "";
    const detail = stderr === "" ? "" : `\n${stderr}`;
    throw new Error(`\`pulumi ${args.join(" ")}\` failed${detail}`, { cause: error });
  }
}
