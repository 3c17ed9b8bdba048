import {
  LocalWorkspace,
  type Deployment,
  type InlineProgramArgs,
  type LocalWorkspaceOptions,
  type PulumiFn,
  type Stack,
} from "@pulumi/pulumi/automation/index.js";
import { qardProgram } from "../../infra/program.ts";
import { ensureRequiredPlugins } from "./ensure-plugins.ts";
import { projectRoot } from "../../infra/project-root.ts";
import { resolvePulumiCommand, toolEnvironment } from "./pulumi-command.ts";
import { selectExistingStack } from "./select-stack.ts";
import { refuseUnknownStoredProviders } from "./stored-providers.ts";

export const PROJECT_NAME = "qard-iac";

export interface OpenStackOptions {
  stackName: string;
  /** Extra environment for the CLI and the provider process (backend, passphrase, AWS endpoint…). */
  env?: Record<string, string>;
  /** Defaults to the Qard stack program. */
  program?: PulumiFn;
  /** Create the stack when it does not exist. Default false: an unknown name is an UnknownStackError. */
  create?: boolean;
  /** How the user creates the stack on purpose, for the UnknownStackError message. */
  createHint?: string;
}

const DEFAULT_CREATE_HINT = "`npm run stack -- up --stack <name> --create`";

/**
 * Selects a stack of this project with the Automation API (creates it only with `create: true`): the real
 * project folder as work dir, so `Pulumi.<stack>.yaml` is the stack's config and the provider process
 * resolves this project's node_modules. The program runs in this process (Automation API inline program),
 * which declares no plugins: the ones the stack's config makes it need are installed here (see
 * ensureRequiredPlugins). An unknown name throws an UnknownStackError that lists the backend's stacks; a
 * state whose Qard resources hold provider code the library did not write throws an
 * UnknownStoredProviderError before anything runs.
 */
export async function openStack(options: OpenStackOptions): Promise<Stack> {
  return (await openStackWithState(options)).stack;
}

export interface OpenedStack {
  stack: Stack;
  /** The state openStack checked, as stored (secrets stay ciphertext), read before the plugins' install. */
  state: Deployment;
}

/** openStack, with the state it read: a caller that must inspect the state starts from it. */
export async function openStackWithState(options: OpenStackOptions): Promise<OpenedStack> {
  const args = {
    stackName: options.stackName,
    projectName: PROJECT_NAME,
    program: options.program ?? qardProgram,
  };
  const workspaceOptions = {
    workDir: projectRoot(),
    pulumiCommand: await resolvePulumiCommand(),
    envVars: { ...toolEnvironment(), ...options.env },
  };
  const stack = await selectStack(options, args, workspaceOptions);
  // Before any engine run: the provider code stored in state is what refresh and destroy execute.
  const state = await refuseUnknownStoredProviders(stack);
  if (options.program === undefined) {
    await ensureRequiredPlugins(stack, { ...process.env, ...workspaceOptions.envVars });
  }
  return { stack, state };
}

async function selectStack(
  options: OpenStackOptions,
  args: InlineProgramArgs,
  workspaceOptions: LocalWorkspaceOptions,
): Promise<Stack> {
  if (options.create === true) return LocalWorkspace.createOrSelectStack(args, workspaceOptions);
  return selectExistingStack(
    args,
    { ...workspaceOptions, program: args.program },
    options.createHint ?? DEFAULT_CREATE_HINT,
  );
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
