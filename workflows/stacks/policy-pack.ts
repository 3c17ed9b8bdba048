import path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { projectRoot } from "../../infra/project-root.ts";

/** The flag that runs `npm run stack|drift|promote` without the policy pack (with a warning). */
const NO_POLICY_FLAG = "--no-policy";
/** The flag that passes a pack config file (`--policy-pack-config` of the CLI): levels and rule options. */
const POLICY_CONFIG_FLAG = "--policy-config";

/** The Qard policy pack (policy/), enforced by default. */
export function policyPackDir(): string {
  return path.join(projectRoot(), "policy");
}

/** The Automation API options of preview and up that enforce policy packs. */
export interface PolicyOptions {
  policyPacks: string[];
  policyPackConfigs: string[];
}

export interface PolicyChoice {
  /** The command line without the policy flags, for the command's own parser. */
  argv: string[];
  /** The pack and its config files, or none with --no-policy. */
  options: PolicyOptions;
}

/**
 * Takes `--no-policy` and `--policy-config <file>` out of the command line: the pack is on unless
 * `--no-policy` is given. Throws an Error naming the flag when they are misused.
 */
export function choosePolicy(
  argv: readonly string[],
  warn: (message: string) => void = console.error,
): PolicyChoice {
  const rest: string[] = [];
  const configs: string[] = [];
  let off = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === NO_POLICY_FLAG) off = true;
    else if (arg.startsWith(`${POLICY_CONFIG_FLAG}=`)) configs.push(arg.slice(POLICY_CONFIG_FLAG.length + 1));
    else if (arg === POLICY_CONFIG_FLAG) {
      const file = argv[++i];
      if (file === undefined || file.startsWith("--"))
        throw new Error(`${POLICY_CONFIG_FLAG} needs a file: ${POLICY_CONFIG_FLAG} <pack-config.json>`);
      configs.push(file);
    } else rest.push(arg);
  }
  if (off && configs.length > 0)
    throw new Error(`${NO_POLICY_FLAG} and ${POLICY_CONFIG_FLAG} exclude each other: keep one`);
  if (!off) {
    const policyPackConfigs = configs.map((file) => path.resolve(file));
    return { argv: rest, options: { policyPacks: [policyPackDir()], policyPackConfigs } };
  }
  warn(
    `warning: ${NO_POLICY_FLAG}: the Qard policy pack (policy/) is not enforced for this run; ` +
      `pipelines must not use this flag.`,
  );
  return { argv: rest, options: { policyPacks: [], policyPackConfigs: [] } };
}

/** One line per policy violation the engine reported, e.g. for a report that does not show the CLI's output. */
export function policyViolationLines(events: readonly EngineEvent[]): string[] {
  return events.flatMap((event) => {
    const policy = event.policyEvent;
    if (!policy) return [];
    const resource = policy.resourceUrn ? ` (${policy.resourceUrn.split("::").pop()})` : "";
    // The engine sends the policy's description, then the violation's own message.
    const lines = policy.message.trim().split("\n");
    const message = (lines.length > 1 ? lines.slice(1) : lines).join(" ").trim();
    return [`policy ${policy.policyName} [${policy.enforcementLevel}]${resource}: ${message}`];
  });
}
