import type { ResourceValidationPolicy } from "@pulumi/policy";
import { apiUrlProblem, isSecureApiUrl, PLAIN_HTTP_HOSTS } from "@qard-iac/pulumi-qard/rules";
import { apiUrlOf } from "../stack-config.ts";
import { stackOfUrn } from "../qard-resource.ts";

/**
 * Why the API URL is refused, or undefined. The decision is the library's one rule (apiUrlProblem: https, or
 * plain http to this machine; no user info, no query); this adds the stack and the fix to its message.
 */
export function apiUrlViolation(apiUrl: string, stack: string): string | undefined {
  const problem = apiUrlProblem(apiUrl);
  if (problem === undefined) return undefined;
  const fix = `Set an https URL: pulumi config set qard:apiUrl https://api.qardfinance.com --stack ${stack} (or fix QARD_API_URL).`;
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    // Not quoted: a malformed value could be anything, a pasted key included.
    return `qard:apiUrl: stack "${stack}" has an API URL that is not a valid URL. ${fix}`;
  }
  // Only the origin is shown: a URL may carry credentials in its user info or query.
  if (!isSecureApiUrl(url)) {
    return (
      `qard:apiUrl: stack "${stack}" sends the API key and credentials to ${url.protocol}//${url.host}, which is not https ` +
      `(plain http is allowed only to ${PLAIN_HTTP_HOSTS}). ${fix}`
    );
  }
  return `qard:apiUrl: stack "${stack}" has an API URL that ${problem}.`;
}

/** Checked once per stack, on the default dynamic provider that carries the stack's config. */
export const httpsApiUrl: ResourceValidationPolicy = {
  name: "qard-https-api-url",
  description: "The Qard API URL (qard:apiUrl) is https; plain http only to a loopback address.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "pulumi:providers:pulumi-nodejs") return;
    const message = apiUrlViolation(apiUrlOf(args.props, process.env), stackOfUrn(args.urn));
    if (message) reportViolation(message);
  },
};
