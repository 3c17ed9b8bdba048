import type { ResourceValidationArgs } from "@pulumi/policy";
import {
  DEFAULT_PRODUCTION_STACKS,
  isProductionStack,
  stackOfUrn,
  type ProductionConfig,
} from "./qard-resource.ts";

/** The stack's name when it counts as production under the rule's `productionStacks`, else undefined. */
export function productionStackOf(args: ResourceValidationArgs): string | undefined {
  const patterns = args.getConfig<Partial<ProductionConfig>>().productionStacks ?? DEFAULT_PRODUCTION_STACKS;
  const stack = stackOfUrn(args.urn);
  return isProductionStack(stack, patterns) ? stack : undefined;
}
