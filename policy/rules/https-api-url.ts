import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isSecureApiUrl, PLAIN_HTTP_HOSTS } from "@qard-iac/pulumi-qard/rules";
import { apiUrlOf } from "../stack-config.ts";
import { stackOfUrn } from "../qard-resource.ts";

/** Why the API URL is refused, or undefined: https only, plain http only to this machine (emulators). */
export function apiUrlViolation(apiUrl: string, stack: string): string | undefined {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    // Not quoted: a malformed value could be anything, a pasted key included.
    return `qard:apiUrl: stack "${stack}" has an API URL that is not a valid URL. Set an https URL: pulumi config set qard:apiUrl https://api.qardfinance.com --stack ${stack}.`;
  }
  if (isSecureApiUrl(url)) return undefined;
  // Only the origin: a URL may carry credentials in its user info or query.
  return (
    `qard:apiUrl: stack "${stack}" sends the API key and credentials to ${url.protocol}//${url.host}, which is not https ` +
    `(plain http is allowed only to ${PLAIN_HTTP_HOSTS}). Set an https URL: ` +
    `pulumi config set qard:apiUrl https://api.qardfinance.com --stack ${stack} (or fix QARD_API_URL).`
  );
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
