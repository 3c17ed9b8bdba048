import type { PolicyOptions } from "../../infra/automation/policy-pack.ts";
import { openStack } from "../../infra/automation/stack.ts";
import { checkDrift } from "../drift/check-drift.ts";
import { checkTargetReferences } from "./check-references.ts";
import { PROMOTED_KEYS, effectiveSettings, planPromotion, type SettingChange } from "./plan-promotion.ts";
import { keySourceProblems } from "./key-sources.ts";
import { sharedKeySecretProblems } from "./shared-key-secret.ts";
import { readStackKeySource, readStackProviders, writePromotedProviders } from "./stack-file.ts";

export interface PromoteOptions {
  from: string;
  to: string;
  apply: boolean;
  env?: Record<string, string>;
  /** The target's preview and update output, line by line. */
  onOutput?: (line: string) => void;
  /** Policy packs to enforce, and their config, on both stacks' previews and the update; none by default. */
  policy?: PolicyOptions;
}

export interface PromotionReport {
  from: string;
  to: string;
  /** Why the promotion did not go ahead; empty when it did. Every reason is listed at once. */
  refusals: string[];
  changes: SettingChange[];
  /** What the target's providers become (non-secret settings only). */
  result: Record<string, Record<string, unknown>>;
  fileWritten: boolean;
  /** The target's preview: the count per operation, and the CLI's diff (secrets shown as [secret]). */
  preview?: { changes: Record<string, number>; output: string };
  applied: boolean;
}

/**
 * staging → prod: refuses unless each stack names its own Qard key (checked first, before anything reads
 * Qard), the source's last update succeeded and it shows no drift; promotes the non-secret settings into
 * the target's stack file; checks the target's own Secrets Manager references; previews the target, and
 * updates it only when `apply` is set.
 */
export async function promote(options: PromoteOptions): Promise<PromotionReport> {
  const env = options.env ? { env: options.env } : {};
  const report: PromotionReport = {
    from: options.from,
    to: options.to,
    refusals: [],
    changes: [],
    result: {},
    fileWritten: false,
    applied: false,
  };
  // Both stacks must exist before anything is read or written: an unknown name is a usage error.
  const sourceStack = await openStack({ stackName: options.from, ...env });
  const targetStack = await openStack({ stackName: options.to, ...env });
  // Before anything reads Qard: a key that could serve the wrong stack stops the promotion here.
  const keySources = {
    [options.from]: await readStackKeySource(options.from),
    [options.to]: await readStackKeySource(options.to),
  };
  report.refusals.push(...keySourceProblems(keySources));
  if (report.refusals.length === 0) report.refusals.push(...(await sharedKeySecretProblems(keySources)));
  if (report.refusals.length > 0) return report;
  const lastUpdate = (await sourceStack.history()).find((entry) => entry.kind === "update");
  if (!lastUpdate)
    report.refusals.push(`${options.from} has never been updated: run \`pulumi up\` on it first`);
  else if (lastUpdate.result !== "succeeded") {
    report.refusals.push(
      `the last update of ${options.from} (#${lastUpdate.version}, ${lastUpdate.startTime}) ${lastUpdate.result}: fix it first`,
    );
  }
  const drift = await checkDrift({ stackName: options.from, ...env, policy: options.policy });
  if (drift.status === "error")
    report.refusals.push(`the drift check of ${options.from} failed: ${drift.error ?? "unknown error"}`);
  else if (drift.status !== "clean") {
    const what = drift.findings.map((f) => `${f.kind} ${f.provider} ${f.property}`).join(", ");
    report.refusals.push(
      `${options.from} is not drift-clean (${drift.status}: ${what}): run \`npm run drift -- --stack ${options.from}\``,
    );
  }

  const source = await readStackProviders(options.from);
  const target = await readStackProviders(options.to);
  const plan = planPromotion(source, target, options.to);
  report.changes = plan.changes;
  report.result = Object.fromEntries(
    Object.entries(plan.target).map(([name, provider]) => [name, effectiveSettings(provider)]),
  );
  report.refusals.push(...plan.problems);
  report.refusals.push(...(await checkTargetReferences(source, plan.target, options)));
  if (report.refusals.length > 0) return report;

  report.fileWritten = await writePromotedProviders(options.to, plan.target, PROMOTED_KEYS);
  const print = options.onOutput ? { onOutput: options.onOutput } : {};
  const preview = await targetStack.preview({ diff: true, ...print, ...options.policy });
  report.preview = { changes: { ...preview.changeSummary }, output: preview.stdout };
  if (options.apply) {
    await targetStack.up({ diff: true, ...print, ...options.policy });
    report.applied = true;
  }
  return report;
}
