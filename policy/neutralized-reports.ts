import type { ReportViolation, ResourceValidation, ResourceValidationPolicy } from "@pulumi/policy";
import { neutralizeOutput } from "@qard-iac/pulumi-qard/rules";

/**
 * The policy with every violation message neutralised as it is reported: messages quote provider names,
 * setting names and `pulumi stack export` errors, and the CLI prints them as they are.
 */
export function withNeutralizedReports(policy: ResourceValidationPolicy): ResourceValidationPolicy {
  const validations = policy.validateResource;
  if (validations === undefined) return policy;
  const wrap =
    (validate: ResourceValidation): ResourceValidation =>
    (args, reportViolation) => {
      const report: ReportViolation = (message, urn) => reportViolation(neutralizeOutput(message), urn);
      return validate(args, report);
    };
  return {
    ...policy,
    validateResource: Array.isArray(validations) ? validations.map(wrap) : wrap(validations),
  };
}
