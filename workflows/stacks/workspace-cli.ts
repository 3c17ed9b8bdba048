import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { Workspace } from "@pulumi/pulumi/automation/index.js";
import { isRecord } from "@qard-iac/pulumi-qard/internal";

const run = promisify(execFile);

/**
 * Runs one `pulumi` command as the Automation API would for this workspace and returns what it printed: for
 * the reads the Automation API only offers decrypted (`stack export`, `config`), here without
 * `--show-secrets`.
 */
export async function runWorkspaceCli(workspace: Workspace, args: string[]): Promise<string> {
  const command = workspace.pulumiCommand.command;
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
    return stdout;
  } catch (error) {
    const stderr = isRecord(error) && typeof error.stderr === "string" ? error.stderr.trim() : "";
    const detail = stderr === "" ? "" : `\n${stderr}`;
    throw new Error(`\`pulumi ${args.join(" ")}\` failed${detail}`, { cause: error });
  }
}
