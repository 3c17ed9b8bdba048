/**
 * Why a drift check failed, in the Pulumi CLI's own terms (CLI >= 3.226.1), so that a workflow branching on
 * the exit code reads it as it reads `pulumi`'s: 2 configuration, 3 authentication, 4 resource error.
 */
export type ErrorKind = "configuration" | "authentication" | "resource" | "other";

export const ERROR_EXIT_CODES: Record<ErrorKind, number> = {
  other: 1,
  configuration: 2,
  authentication: 3,
  resource: 4,
};

// The failure reaches drift as the CLI's text: the provider's error, which already states its verdict in
// fixed words (providers/src/resource: refused-key.ts, lookup-failure.ts, next-step.ts). Those verdicts are
// read, never the transport's detail after them ("timed out", "ECONNREFUSED", a port), so one cause gives
// one code however the connection failed. test/workflows/stacks/drift-check/error-kind.spec.ts builds the provider's
// real messages for each cause.
const KEY_REFUSED = /Qard refused the API key|check the Qard API key/i;
// qard:apiUrl is wrong: nothing answered at all (refused, DNS, timeout, reset: "cannot reach Qard at"), or
// what answered is not the Qard API (404 on its paths, a redirect, an answer of another shape).
const API_URL_WRONG =
  /cannot reach Qard at|does not point at the Qard API|does not answer like the Qard API|check that qard:apiUrl is the Qard API|redirects are never followed/i;
// Qard answered, but not usefully, after the client's retries (next-step.ts's words for 5xx, 429 and a
// write that got no answer after the reads before it succeeded).
const QARD_UNWELL = /Qard did not answer in time/i;
const CONFIG_NAMED = /\bqard:[A-Za-z]|stack config/i;
// An HTTP status only where the client states one (errors.ts: "GET /x failed with 503 …"; lookup-failure.ts:
// "GET /x answered 401"), never a number elsewhere in the text.
const STATED_STATUS = /\b(?:failed with|answered) (\d{3})\b/g;

function statedStatuses(reason: string): number[] {
  return [...reason.matchAll(STATED_STATUS)].map((match) => Number(match[1]));
}

/**
 * Reads the check's failure reason, first rule that holds:
 * 1. authentication: Qard refused the key (the provider says so, or the client states 401/403);
 * 2. configuration: qard:apiUrl cannot be reached at all, or is not the Qard API;
 * 3. resource: Qard answered 5xx or 429 after the retries, or stopped answering in the middle of a write;
 * 4. configuration: a mandatory policy the preview violated (the stack file asks for something the pack
 *    refuses), or an error naming the stack's config (`qard:…`);
 * 5. other.
 */
export function errorKindOf(reason: string, policyViolated: boolean): ErrorKind {
  const statuses = statedStatuses(reason);
  if (KEY_REFUSED.test(reason) || statuses.some((s) => s === 401 || s === 403)) return "authentication";
  if (API_URL_WRONG.test(reason)) return "configuration";
  if (QARD_UNWELL.test(reason) || statuses.some((s) => s === 429 || s >= 500)) return "resource";
  if (policyViolated || CONFIG_NAMED.test(reason)) return "configuration";
  return "other";
}
