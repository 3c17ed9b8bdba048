import { spawn } from "node:child_process";
import { projectRoot } from "../../infra/project-root.ts";
import { toolEnvironment } from "../../workflows/stacks/pulumi-command.ts";

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr as they arrived. */
  output: string;
}

/** Runs one of the project's command-line scripts as a user would (`npm run <x>` runs the same). */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<ScriptResult> {
  return runCommand(process.execPath, [script, ...args], {
    cwd: projectRoot(),
    env: { ...process.env, ...toolEnvironment(), ...env },
  });
}

/** Runs a command to its end and collects what it printed; never throws on a non-zero exit. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const result: ScriptResult = { code: null, stdout: "", stderr: "", output: "" };
    child.stdout.on("data", (chunk: Buffer) => {
      result.stdout += chunk.toString();
      result.output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      result.stderr += chunk.toString();
      result.output += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ ...result, code }));
  });
}
