/**
 * Where verify talks to Qard: the stack's own qard:apiUrl and API key, resolved exactly as the stack's
 * provider resolves them during `pulumi up`, so verify checks the account the stack configures.
 */
import { conciseErrorMessage } from "../../cli/concise-error-message.ts";
import type { Stack } from "@pulumi/pulumi/automation/index.js";
import { projectRoot } from "../../infra/project-root.ts";
import { selectExistingStack } from "./select-stack.ts";
import { UnknownStackError } from "./unknown-stack-error.ts";
import { resolvePulumiCommand, toolEnvironment } from "./pulumi-command.ts";
import { readStoredConfig } from "./stored-config.ts";
import {
  connectionConfigFrom,
  connectionForAccount,
  resolveConnection,
  type Connection,
} from "@qard-iac/pulumi-qard/internal";

export type { Connection };

/** The connection keys of a stack's config as `pulumi config get --json` gives them: secrets decrypted. */
export type StackConfigValues = Readonly<Record<string, { value: string } | undefined>>;

/**
 * The connection from a stack's config and the environment: the stack's qard:apiKey or the Secrets Manager
 * secret named by qard:apiKeySecretId, else QARD_API_KEY; qard:apiUrl, else QARD_API_URL, else Qard's host.
 */
export async function connectionFromStackConfig(
  config: StackConfigValues,
  env: NodeJS.ProcessEnv,
  account?: string,
): Promise<Connection> {
  const stackConnection = connectionConfigFrom((key) => config[key]?.value);
  const accounts = Object.keys(stackConnection.accounts ?? {});
  // With several accounts, the default connection is no account of the stack: say which to choose.
  if (account === undefined && accounts.length > 0) {
    throw new Error(
      `the stack configures several Qard accounts (${accounts.join(", ")}): choose one with --account`,
    );
  }
  const { baseUrl, apiKey } = await resolveConnection(connectionForAccount(stackConnection, account), env);
  return { baseUrl, apiKey };
}

// Only what the connection needs: the stack's provider credentials are never decrypted, except those
// declared under qard:accounts, which is one config value with the accounts' keys.
const CONNECTION_KEYS = ["qard:apiUrl", "qard:apiKey", "qard:apiKeySecretId", "qard:accounts"] as const;

/** One listing of the stack's config as stored, then a decrypting read for each connection key that is secret. */
async function readConnectionKeys(stack: Stack): Promise<StackConfigValues> {
  const stored = await readStoredConfig(stack.workspace, stack.name);
  const config: Record<string, { value: string }> = {};
  for (const key of CONNECTION_KEYS) {
    const entry = stored[key];
    if (entry === undefined) continue;
    config[key] = entry.secret ? await stack.getConfig(key) : { value: entry.value };
  }
  return config;
}

/**
 * Reads the stack's connection keys through the Pulumi CLI (PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE... come
 * from `env`). The stack is selected, never created: a mistyped name must not leave an empty stack behind
 * in the team's backend.
 */
export async function readStackConnection(
  stackName: string,
  env: NodeJS.ProcessEnv,
  account?: string,
): Promise<Connection> {
  let config: StackConfigValues;
  const options = {
    workDir: projectRoot(),
    pulumiCommand: await resolvePulumiCommand(),
    envVars: { ...definedOnly(env), ...toolEnvironment(env) },
  };
  try {
    const stack = await selectExistingStack(
      { stackName, workDir: options.workDir },
      options,
      "`npm run stack -- up --stack <name> --create`, then verify",
    );
    config = await readConnectionKeys(stack);
  } catch (error) {
    if (error instanceof UnknownStackError) throw error;
    throw new Error(conciseErrorMessage(error), {
      cause: error,
    });
  }
  return connectionFromStackConfig(config, env, account);
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
