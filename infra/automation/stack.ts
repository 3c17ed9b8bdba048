import { LocalWorkspace, type PulumiFn, type Stack } from "@pulumi/pulumi/automation/index.js";
import { qardProgram } from "../program.ts";
import { ensureRequiredPlugins } from "./ensure-plugins.ts";
import { projectRoot } from "./project-root.ts";
import { resolvePulumiCommand, toolEnvironment } from "./pulumi-command.ts";

export const PROJECT_NAME = "qard-iac";

export interface OpenStackOptions {
  stackName: string;
  /** Extra environment for the CLI and the provider process (backend, passphrase, AWS endpoint…). */
  env?: Record<string, string>;
  /** Defaults to the Qard stack program. */
  program?: PulumiFn;
}

/**
 * Selects (or creates) a stack of this project with the Automation API: the real project folder as work
 * dir, so `Pulumi.<stack>.yaml` is the stack's config and the provider process resolves this project's
 * node_modules. The program runs in this process (Automation API inline program), which declares no
 * plugins: the ones the stack's config makes it need are installed here (see ensureRequiredPlugins).
 */
export async function openStack(options: OpenStackOptions): Promise<Stack> {
  const envVars = { ...toolEnvironment(), ...options.env };
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName, projectName: PROJECT_NAME, program: options.program ?? qardProgram },
    { workDir: projectRoot(), pulumiCommand: await resolvePulumiCommand(), envVars },
  );
  if (options.program === undefined) await ensureRequiredPlugins(stack, { ...process.env, ...envVars });
  return stack;
}

/**
 * Sets structured config values (objects and booleans keep their types) and secret leaves by path, as
 * `pulumi config set --path [--secret]` would.
 */
export async function setStackConfig(
  stack: Stack,
  values: Record<string, unknown>,
  secretPaths: Record<string, string> = {},
): Promise<void> {
  const asJson = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      typeof value === "string"
        ? { value, secret: false }
        : { value: JSON.stringify(value), objectValue: value, secret: false },
    ]),
  );
  if (Object.keys(asJson).length > 0) await stack.setAllConfigJson(JSON.stringify(asJson));
  const secrets = Object.fromEntries(
    Object.entries(secretPaths).map(([path, value]) => [path, { value, secret: true }]),
  );
  // One CLI call for all of them; a key without a dot is the same key read as a path.
  if (Object.keys(secrets).length > 0) await stack.setAllConfig(secrets, true);
}
