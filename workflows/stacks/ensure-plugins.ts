import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { PluginInfo, Stack } from "@pulumi/pulumi/automation/index.js";
import { readStackFile } from "../../infra/config-secrecy.ts";
import { conciseErrorMessage } from "../../cli/concise-error-message.ts";
import { projectRoot } from "../../infra/project-root.ts";
import {
  automaticPluginAcquisitionDisabled,
  configFromStackFile,
  isSameVersion,
  missingPluginMessage,
  needsAwsPlugin,
  type PluginRequirement,
} from "./required-plugins.ts";

/** A plugin the stack's program needs could not be had; the message says how to install it. */
class MissingPluginError extends Error {
  override name = "MissingPluginError";
}

/** The version of the installed `@pulumi/aws`: its resources ask the engine for exactly this plugin. */
function installedAwsPackageVersion(): string {
  const require = createRequire(path.join(projectRoot(), "package.json"));
  const manifest = JSON.parse(readFileSync(require.resolve("@pulumi/aws/package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

function isInstalled(installed: PluginInfo[], plugin: PluginRequirement): boolean {
  return installed.some(
    (p) => p.kind === "resource" && p.name === plugin.name && isSameVersion(p.version, plugin.version),
  );
}

/**
 * An inline program declares no plugins, so the engine cannot know beforehand that it will load `aws`:
 * install it here when the stack's config makes the program use `@pulumi/aws`. Where it cannot be had
 * (acquisition turned off, no download possible), fail before the engine starts, naming the plugin, its
 * version and the install command, instead of an engine error in the middle of an operation.
 * The two settings come from the stack file, not `pulumi config --show-secrets`: nothing is decrypted.
 */
export async function ensureRequiredPlugins(stack: Stack, env: NodeJS.ProcessEnv): Promise<void> {
  const settings = configFromStackFile(readStackFile(stack.name), ["qard:manageSecrets", "qard:providers"]);
  if (!needsAwsPlugin(settings)) return;
  const aws: PluginRequirement = {
    name: "aws",
    version: installedAwsPackageVersion(),
    neededFor: "qard:manageSecrets declares the Secrets Manager secrets with @pulumi/aws",
  };
  if (isInstalled(await stack.workspace.listPlugins(), aws)) return;
  if (automaticPluginAcquisitionDisabled(env)) {
    throw new MissingPluginError(
      missingPluginMessage(
        stack.name,
        aws,
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION turns off downloading it",
      ),
    );
  }
  try {
    await stack.workspace.installPlugin(aws.name, `v${aws.version}`, "resource");
  } catch (error) {
    const reason = conciseErrorMessage(error).replaceAll("\n", "; ");
    throw new MissingPluginError(missingPluginMessage(stack.name, aws, `the download failed (${reason})`));
  }
}
