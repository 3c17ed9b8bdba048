import { readFileSync } from "node:fs";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { projectRoot } from "./project-root.ts";
import { isStoredSecureIn, type ConfigSecrecy } from "./plaintext-secrets.ts";

type IsConfigSecret = (key: string) => boolean;

/**
 * Which config values the current run holds as secrets: the engine's list of secret top-level keys (the
 * SDK's `runtime.isConfigSecret`, which reads the list the language host or the Automation API gave the
 * program; not in the SDK's typings, so it is looked up and checked here), refined per leaf by the stack's
 * own file `Pulumi.<stack>.yaml` when it is in the project folder.
 */
export function currentConfigSecrecy(stack: string): ConfigSecrecy {
  const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret?: unknown }).isConfigSecret;
  if (typeof isConfigSecret !== "function") {
    throw new pulumi.RunError(
      "This version of @pulumi/pulumi does not tell the program which config values are secret " +
        "(runtime.isConfigSecret); the program cannot check that credentials are not in plaintext",
    );
  }
  const stackFile = readStackFile(stack);
  return {
    isSecretKey: (key) => (isConfigSecret as IsConfigSecret)(key),
    isStoredSecure: (keyPath) => (stackFile === undefined ? undefined : isStoredSecureIn(stackFile, keyPath)),
  };
}

/**
 * The stack's own file `Pulumi.<stack>.yaml` in the project folder, parsed but not decrypted (secure values
 * stay `{secure: …}`); undefined when it is missing or unreadable. A qualified name (`org/project/stack`)
 * names the file by its last part, as the CLI does.
 */
export function readStackFile(stack: string): unknown {
  const name = stack.split("/").at(-1) ?? stack;
  let text: string;
  try {
    text = readFileSync(path.join(projectRoot(), `Pulumi.${name}.yaml`), "utf8");
  } catch {
    return undefined;
  }
  try {
    return parse(text) as unknown;
  } catch {
    // The CLI has read this file already; if it cannot be parsed here, fall back to the engine's marks.
    return undefined;
  }
}
