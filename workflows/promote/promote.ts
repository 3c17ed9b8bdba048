import type { PolicyOptions } from "../stacks/policy-pack.ts";
import { openStack } from "../stacks/stack.ts";
import { checkDrift } from "../stacks/drift-check/check-drift.ts";
import { planAccountMapping, type AccountPair } from "./account-map.ts";
import { checkTargetReferences } from "./check-references.ts";
import { PROMOTED_KEYS, planPromotion, type SettingChange } from "./plan-promotion.ts";
import { keySourceProblems } from "./key-sources.ts";
import { effectiveSettings } from "../stacks/effective-settings.ts";
import type { KeySource } from "../stacks/key-source.ts";
import { sharedKeySecretProblems } from "./shared-key-secret.ts";
import {
  providersPath,
  readStackAccounts,
  readStackKeySource,
  readStackProviders,
  writePromotedEntries,
  type RawProvider,
  type StackAccount,
} from "../stacks/stack-file.ts";

export interface PromoteOptions {
  from: string;
  to: string;
  apply: boolean;
  /** Stacks with `qard:accounts`: source account → target account, every source account named. */
  map?: Readonly<Record<string, string>>;
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
  /** Which account of the target received which of the source; absent in the one-account form. */
  accounts?: AccountPair[];
  changes: SettingChange[];
  /** What the target's providers become (non-secret settings only). */
  result: Record<string, Record<string, unknown>>;
  fileWritten: boolean;
  /** The target's preview: the count per operation, and the CLI's diff (secrets shown as [secret]). */
  preview?: { changes: Record<string, number>; output: string };
  applied: boolean;
}

/**
 * staging → prod: refuses unless each stack (each account, with `qard:accounts`, where every account of the
 * source is mapped to one of the target) names its own Qard key (checked first, before anything reads
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
  // Before anything reads Qard: an account left unmapped, or a key that could serve the wrong stack or
  // account, stops the promotion here.
  const sourceAccounts = await readStackAccounts(options.from);
  const targetAccounts = await readStackAccounts(options.to);
  const mapping = planAccountMapping({
    fromStack: options.from,
    toStack: options.to,
    sourceAccounts: Object.keys(sourceAccounts),
    targetAccounts: Object.keys(targetAccounts),
    map: options.map ?? {},
  });
  report.refusals.push(...mapping.problems);
  if (report.refusals.length > 0) return report;
  if (mapping.pairs.length > 0) report.accounts = mapping.pairs;
  const keySources =
    mapping.pairs.length === 0
      ? {
          [options.from]: await readStackKeySource(options.from),
          [options.to]: await readStackKeySource(options.to),
        }
      : {
          ...accountKeySources(options.from, sourceAccounts),
          ...accountKeySources(options.to, targetAccounts),
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

  const units =
    mapping.pairs.length === 0
      ? [await oneAccountUnit(options.from, options.to)]
      : mapping.pairs.map((pair) => accountUnit(pair, sourceAccounts, targetAccounts));
  const entries: Array<{ at: readonly string[]; provider: RawProvider }> = [];
  for (const unit of units) {
    const plan = planPromotion(unit.source, unit.target, options.to, unit.account);
    report.changes.push(...plan.changes);
    for (const [name, provider] of Object.entries(plan.target)) {
      const shown = unit.account === undefined ? name : `${unit.account}/${name}`;
      report.result[shown] = effectiveSettings(provider);
      entries.push({ at: unit.locationOf(name), provider });
    }
    report.refusals.push(...plan.problems);
    const to = unit.account === undefined ? options.to : `${options.to} (account ${unit.account})`;
    report.refusals.push(
      ...(await checkTargetReferences(unit.source, plan.target, { from: options.from, to })),
    );
  }
  if (report.refusals.length > 0) return report;

  report.fileWritten = await writePromotedEntries(options.to, entries, PROMOTED_KEYS);
  const print = options.onOutput ? { onOutput: options.onOutput } : {};
  const preview = await targetStack.preview({ diff: true, ...print, ...options.policy });
  report.preview = { changes: { ...preview.changeSummary }, output: preview.stdout };
  if (options.apply) {
    await targetStack.up({ diff: true, ...print, ...options.policy });
    report.applied = true;
  }
  return report;
}

/** What one promotion step reads and writes: the one-account form's providers, or one mapped account's. */
interface PromotionUnit {
  /** The target account; undefined in the one-account form. */
  account?: string;
  source: Record<string, RawProvider>;
  target: Record<string, RawProvider>;
  /** Where the target's file declares (or will declare) a provider. */
  locationOf(name: string): readonly string[];
}

async function oneAccountUnit(from: string, to: string): Promise<PromotionUnit> {
  return {
    source: await readStackProviders(from),
    target: await readStackProviders(to),
    locationOf: (name) => [...providersPath(), name],
  };
}

/** A provider new to the target account is declared under it (`qard:accounts.<account>.providers`). */
function accountUnit(
  pair: AccountPair,
  sourceAccounts: Readonly<Record<string, StackAccount>>,
  targetAccounts: Readonly<Record<string, StackAccount>>,
): PromotionUnit {
  const source = sourceAccounts[pair.from] as StackAccount;
  const target = targetAccounts[pair.to] as StackAccount;
  return {
    account: pair.to,
    source: source.providers,
    target: target.providers,
    locationOf: (name) =>
      Object.hasOwn(target.locations, name)
        ? (target.locations[name] as readonly string[])
        : [...providersPath(pair.to), name],
  };
}

/** Each account's key source, labelled `<stack> account <name>` in refusals. */
function accountKeySources(
  stack: string,
  accounts: Readonly<Record<string, StackAccount>>,
): Record<string, KeySource> {
  return Object.fromEntries(
    Object.entries(accounts).map(([name, account]) => [`${stack} account ${name}`, account.keySource]),
  );
}
