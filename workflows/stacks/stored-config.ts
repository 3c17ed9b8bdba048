import type { Workspace } from "@pulumi/pulumi/automation/index.js";
import { isRecord } from "@qard-iac/pulumi-qard/internal";
import { runWorkspaceCli } from "./workspace-cli.ts";

/** One key of a stack's config as stored: its plain value (an object as JSON text), or, for a secret, no value. */
export type StoredConfigEntry = { secret: false; value: string } | { secret: true };

/**
 * A stack's config without decrypting it: `pulumi config --json` without `--show-secrets` (the Automation
 * API's getAllConfig decrypts every secret, provider credentials included). A secret key, or an object that
 * holds one, is listed without its value.
 */
export async function readStoredConfig(
  workspace: Workspace,
  stackName: string,
): Promise<Record<string, StoredConfigEntry>> {
  const args = ["config", "--json", "--stack", stackName, "--non-interactive"];
  const listing: unknown = JSON.parse(await runWorkspaceCli(workspace, args));
  if (!isRecord(listing)) throw new Error(`\`pulumi ${args.join(" ")}\` printed no JSON object`);
  const entries: Record<string, StoredConfigEntry> = {};
  for (const [key, entry] of Object.entries(listing)) {
    if (!isRecord(entry)) continue;
    if (entry.secret === true) entries[key] = { secret: true };
    else if (typeof entry.value === "string") entries[key] = { secret: false, value: entry.value };
  }
  return entries;
}
