import { catalogueEntry, ownValue, sameJson } from "@qard-iac/pulumi-qard/internal";
import { effectiveSettings } from "../stacks/effective-settings.ts";
import type { RawProvider, RawProviders } from "../stacks/stack-file.ts";

/** What is promoted: the non-secret shape of a provider. Credentials are each stack's own. */
export const PROMOTED_KEYS = ["enabled", "autoConnect", "settings"] as const;

export interface SettingChange {
  provider: string;
  /** "enabled", "settings.auto_connect", or "(provider added)". */
  setting: string;
  /** The target's current effective value; undefined when the provider is new there. */
  from: unknown;
  to: unknown;
}

export interface PromotionPlan {
  changes: SettingChange[];
  /** The target's `qard:providers` after promotion: promoted keys from the source, the rest kept. */
  target: RawProviders;
  problems: string[];
}

/**
 * Promotes the source's non-secret settings onto the target: per provider, `enabled`, `autoConnect` and
 * `settings` are copied; credentials, `protect`, `retainOnDelete` and target-only providers are kept.
 * With `targetAccount` (stacks with `qard:accounts`), the providers are that account's: changes name them
 * `<account>/<provider>`, as the stack's resources are named, and a missing credential names the account's key.
 */
export function planPromotion(
  source: RawProviders,
  target: RawProviders,
  targetStack: string,
  targetAccount?: string,
): PromotionPlan {
  const shown = (name: string) => (targetAccount === undefined ? name : `${targetAccount}/${name}`);
  const settingOf = (name: string) =>
    targetAccount === undefined
      ? `qard:providers.${name}`
      : `qard:accounts.${targetAccount}.providers.${name}`;
  const changes: SettingChange[] = [];
  const problems: string[] = [];
  const next: RawProviders = structuredClone(target);
  for (const [name, provider] of Object.entries(source)) {
    const current = ownValue(target, name) as RawProvider | undefined;
    const promoted: RawProvider = { ...(current ?? {}) };
    for (const key of PROMOTED_KEYS) {
      if (provider[key] === undefined) delete promoted[key];
      else promoted[key] = structuredClone(provider[key]);
    }
    next[name] = promoted;
    if (!current) {
      changes.push({
        provider: shown(name),
        setting: "(provider added)",
        from: undefined,
        to: effectiveSettings(promoted),
      });
      const needsCredentials = Object.keys(catalogueEntry(name)?.credentials ?? {}).length > 0;
      if ((needsCredentials || provider.credentials !== undefined) && promoted.credentials === undefined) {
        problems.push(
          `${targetStack} has no credentials for ${shown(name)}: add ${settingOf(name)}.credentials.secretsManager.secretId ` +
            `(e.g. qard/${targetStack}/${shown(name)}) to Pulumi.${targetStack}.yaml`,
        );
      }
      continue;
    }
    const before = effectiveSettings(current);
    const after = effectiveSettings(promoted);
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      if (!sameJson(before[key], after[key]))
        changes.push({ provider: shown(name), setting: key, from: before[key], to: after[key] });
    }
  }
  return { changes, target: next, problems };
}
