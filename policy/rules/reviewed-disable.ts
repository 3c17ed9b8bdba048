import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { productionStackOf } from "../production-scope.ts";
import { productionStacksSchema, qualifiedName, viewOf, type QardResourceView } from "../qard-resource.ts";
import { reviewedDisableOf } from "../stack-config.ts";

/**
 * Why disabling (or leaving deletable) a production provider is refused, or no message when the stack
 * config's `qard:reviewedDisable` names it. Deletion cannot be seen by a policy (a removed resource is
 * not validated), so the rule asks for `protect`: the engine then refuses to delete the provider until a
 * reviewed change unprotects it.
 */
export function disableViolations(
  view: QardResourceView,
  protect: boolean,
  reviewed: readonly string[],
  stack: string,
): string[] {
  // Per account: `eu/shopify` is reviewed on its own; `shopify` alone covers only the one-account form.
  const name = qualifiedName(view);
  if (reviewed.includes(name)) return [];
  const entry =
    view.account === undefined
      ? `qard:providers.${name}`
      : `the entry of ${view.providerName} in account ${view.account} (qard:accounts.${view.account}.providers.${view.providerName} or qard:providers.${view.providerName})`;
  const allowance =
    `add ${name} to the reviewed allowance qard:reviewedDisable, a list in Pulumi.${stack}.yaml ` +
    `(e.g. pulumi config set --path 'qard:reviewedDisable[0]' ${name} --stack ${stack})`;
  const violations: string[] = [];
  if (!view.enabled) {
    violations.push(
      `${name}: production stack "${stack}" disables this provider (enabled: false) without a reviewed ` +
        `allowance. ${view.account === undefined ? `Set ${entry}.enabled back to true` : `Set enabled back to true in ${entry}`}, or, if intended, ${allowance}.`,
    );
  }
  if (!protect) {
    violations.push(
      `${name}: production stack "${stack}" leaves this provider unprotected, so removing it from the config ` +
        `would disable it in Qard without review. ${view.account === undefined ? `Set ${entry}.protect: true` : `Set protect: true in ${entry}`}. To remove it ` +
        `later, ${allowance} and set protect: false, then remove it in a following change.`,
    );
  }
  return violations;
}

export const reviewedDisable: ResourceValidationPolicy = {
  name: "qard-reviewed-disable",
  description:
    "Disabling or deleting a Qard provider in production needs a reviewed allowance (qard:reviewedDisable naming it).",
  enforcementLevel: "mandatory",
  configSchema: { properties: { productionStacks: productionStacksSchema } },
  validateResource: (args, reportViolation) => {
    if (args.type !== QARD_PROVIDER_CONFIG_TYPE) return;
    const stack = productionStackOf(args);
    if (stack === undefined) return;
    const reviewed = reviewedDisableOf(args.provider?.props ?? {});
    for (const message of disableViolations(
      viewOf(args.name, args.props),
      args.opts.protect,
      reviewed,
      stack,
    )) {
      reportViolation(message);
    }
  },
};
