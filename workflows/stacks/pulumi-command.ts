import { existsSync } from "node:fs";
import path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation/index.js";
import { projectRoot } from "../../infra/project-root.ts";

/** Where `npm run setup` puts the CLI it builds, and the Node.js it installs where the machine's is older. */
export function toolsBinDir(): string {
  return path.join(projectRoot(), ".tools", "bin");
}

/**
 * The Pulumi CLI this project drives: the one `npm run setup` built into .tools/bin, else the user's own
 * `pulumi` on PATH (setup builds nothing when that one is recent enough).
 */
export function resolvePulumiCommand(): Promise<PulumiCommand> {
  // PulumiCommand.get runs `pulumi version` (a third of a second of CPU): once per process is enough, the
  // CLI does not change under a running command. A failed lookup is not kept, so a later call retries.
  resolved ??= findPulumiCommand().catch((error: unknown) => {
    resolved = undefined;
    throw error;
  });
  return resolved;
}

let resolved: Promise<PulumiCommand> | undefined;

function findPulumiCommand(): Promise<PulumiCommand> {
  const bin = toolsBinDir();
  if (existsSync(path.join(bin, "pulumi"))) return PulumiCommand.get({ root: path.dirname(bin) });
  return PulumiCommand.get();
}

/**
 * Environment for every CLI run: the tools folder first on PATH, because the dynamic-provider launcher
 * runs the `node` it finds there and the provider code needs Node >= 22.
 */
export function toolEnvironment(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const currentPath = base.PATH ?? "";
  const bin = toolsBinDir();
  const pathWithTools = currentPath.split(path.delimiter).includes(bin)
    ? currentPath
    : [bin, currentPath].filter(Boolean).join(path.delimiter);
  return {
    PATH: pathWithTools,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
}
