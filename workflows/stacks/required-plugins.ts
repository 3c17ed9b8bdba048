import type { ConfigMap } from "@pulumi/pulumi/automation/index.js";
import { isRecord, secretsManagerRefIn } from "@qard-iac/pulumi-qard/internal";

/** A resource plugin the Qard program loads beyond Pulumi's own dynamic-provider plugin. */
export interface PluginRequirement {
  name: string;
  /** Without the leading `v`, as in the npm package that declares its resources. */
  version: string;
  /** Which stack setting makes the program need it, for the error that asks to install it. */
  neededFor: string;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The given top-level keys of a parsed stack file's `config`, as `pulumi config --json` reports them:
 * strings as they are, anything else as JSON text. Secure values stay encrypted (`{"secure": …}`).
 */
export function configFromStackFile(stackFile: unknown, keys: readonly string[]): ConfigMap {
  const config = isRecord(stackFile) && isRecord(stackFile.config) ? stackFile.config : {};
  const map: ConfigMap = {};
  for (const key of keys) {
    const value = config[key];
    if (value === undefined || value === null) continue;
    map[key] = { value: typeof value === "string" ? value : JSON.stringify(value), secret: false };
  }
  return map;
}

/**
 * Whether the program will declare `@pulumi/aws` resources: with `qard:manageSecrets: true` it declares one
 * Secrets Manager secret per provider whose credentials are a `secretsManager` reference. Lenient on
 * purpose: a config the program will reject (with a better message) needs no plugin here.
 */
export function needsAwsPlugin(config: ConfigMap): boolean {
  if (config["qard:manageSecrets"]?.value !== "true") return false;
  const providers = parseJson(config["qard:providers"]?.value);
  if (!isRecord(providers)) return false;
  return Object.values(providers).some(
    (provider) => isRecord(provider) && secretsManagerRefIn(provider.credentials) !== undefined,
  );
}

/** Pulumi reads its boolean environment variables as true for `1` or `true` (any case). */
export function automaticPluginAcquisitionDisabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION ?? "";
  return value === "1" || value.toLowerCase() === "true";
}

/** True when `installed` (as `pulumi plugin ls` reports it, with or without `v`) is that version. */
export function isSameVersion(installed: string | undefined, wanted: string): boolean {
  return installed !== undefined && installed.replace(/^v/, "") === wanted.replace(/^v/, "");
}

/** What a user reads when a plugin is missing: the plugin, its version, why, and the command that fixes it. */
export function missingPluginMessage(stackName: string, plugin: PluginRequirement, reason: string): string {
  return (
    `Stack "${stackName}" needs the Pulumi resource plugin "${plugin.name}" v${plugin.version} ` +
    `(${plugin.neededFor}), and it is not installed: ${reason}. ` +
    `Install it with: pulumi plugin install resource ${plugin.name} ${plugin.version}`
  );
}
