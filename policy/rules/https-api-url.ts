import type { ResourceValidationPolicy } from "@pulumi/policy";
import { apiUrlProblem, isSecureApiUrl, PLAIN_HTTP_HOSTS } from "@qard-iac/pulumi-qard/rules";
import { apiUrlsOf } from "../stack-config.ts";
import { stackOfUrn } from "../qard-resource.ts";

/**
 * Why the API URL is refused, or undefined. The decision is the library's one rule (apiUrlProblem: https, or
 * plain http to this machine; no user info, no query); this adds the stack and the fix to its message.
 */
export function apiUrlViolation(apiUrl: string, stack: string, setting = "qard:apiUrl"): string | undefined {
  const problem = apiUrlProblem(apiUrl);
  if (problem === undefined) return undefined;
  const fix =
    setting === "qard:apiUrl"
      ? `Set an https URL: pulumi config set qard:apiUrl https://api.qardfinance.com --stack ${stack} (or fix QARD_API_URL).`
      : `Set an https URL: pulumi config set --path '${setting}' https://api.qardfinance.com --stack ${stack}.`;
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    // Not quoted: a malformed value could be anything, a pasted key included.
    return `${setting}: stack "${stack}" has an API URL that is not a valid URL. ${fix}`;
  }
  // Only the origin is shown: a URL may carry credentials in its user info or query.
  if (!isSecureApiUrl(url)) {
    return (
      `${setting}: stack "${stack}" sends the API key and credentials to ${url.protocol}//${url.host}, which is not https ` +
      `(plain http is allowed only to ${PLAIN_HTTP_HOSTS}). ${fix}`
    );
  }
  return `${setting}: stack "${stack}" has an API URL that ${problem}.`;
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
