import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { productionStackOf } from "../production-scope.ts";
import { productionStacksSchema, viewOf, type QardResourceView } from "../qard-resource.ts";

/** Why a production resource's credentials are refused, or undefined. Names keys, never values. */
export function valueCredentialsViolation(view: QardResourceView, stack: string): string | undefined {
  if (view.valueCredentialKeys.length === 0) return undefined;
  const name = view.providerName;
  return (
    `${name}: production stack "${stack}" gives credentials by value (keys ${view.valueCredentialKeys.join(", ")}); ` +
    `production takes them only by Secrets Manager reference. Put them in a secret and set ` +
    `qard:providers.${name}.credentials to { secretsManager: { secretId: <name or ARN> } } in Pulumi.${stack}.yaml ` +
    `(pulumi config rm --path 'qard:providers.${name}.credentials' --stack ${stack} removes the values).`
  );
}

export const secretsByReference: ResourceValidationPolicy = {
  name: "qard-secrets-by-reference",
  description: "Production stacks take Qard provider credentials only by AWS Secrets Manager reference.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { productionStacks: productionStacksSchema } },
  validateResource: (args, reportViolation) => {
    if (args.type !== QARD_PROVIDER_CONFIG_TYPE) return;
    const stack = productionStackOf(args);
    if (stack === undefined) return;
    const message = valueCredentialsViolation(viewOf(args.name, args.props), stack);
    if (message) reportViolation(message);
  },
};
