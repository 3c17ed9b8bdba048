import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checkApiUrl } from "@qard-iac/pulumi-qard/rules";
import { apiUrlsOf } from "../stack-config.ts";
import { stackOfUrn } from "../qard-resource.ts";

/**
 * Why the API URL is refused, or undefined. The decision and its wording are the library's one rule
 * (checkApiUrl: https, or plain http to this machine; no user info, no query); this names the setting, the
 * stack and the origin (never the whole value: it may carry a credential), and adds the fix.
 */
export function apiUrlViolation(apiUrl: string, stack: string, setting = "qard:apiUrl"): string | undefined {
  const checked = checkApiUrl(apiUrl);
  if (checked.ok) return undefined;
  const fix =
    setting === "qard:apiUrl"
      ? `Set an https URL: pulumi config set qard:apiUrl https://api.qardfinance.com --stack ${stack} (or fix QARD_API_URL).`
      : `Set an https URL: pulumi config set --path '${setting}' https://api.qardfinance.com --stack ${stack}.`;
  const where = checked.origin === undefined ? "" : ` (${checked.origin})`;
  return `${setting} of stack "${stack}"${where} ${checked.problem}. ${fix}`;
}

/** Checked once per stack (each account's URL), on the default dynamic provider that carries the stack's config. */
export const httpsApiUrl: ResourceValidationPolicy = {
  name: "qard-https-api-url",
  description: "The Qard API URL (qard:apiUrl) is https; plain http only to a loopback address.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "pulumi:providers:pulumi-nodejs") return;
    for (const { setting, url } of apiUrlsOf(args.props, process.env)) {
      const message = apiUrlViolation(url, stackOfUrn(args.urn), setting);
      if (message) reportViolation(message);
    }
  },
};
