// errors.ts is small (no zod, no node-fetch): loading it keeps `diff` as light as before.
import {
  QardApiError,
  QardAuthError,
  QardNetworkError,
  QardNotFoundError,
  QardResponseError,
} from "../qard/errors.ts";
import { SecretSourceError } from "../secrets/secret-source-error.ts";
import { MissingApiKeyError } from "./connection.ts";
import { messageOf } from "../error-message.ts";

/** Where the run's connection came from, to name the setting to fix. */
export interface ConnectionSettings {
  baseUrl: string;
  apiUrlSetting: string;
  apiKeySetting: string;
}

/** What a failed preview-time lookup means: go on with a warning, or fail naming the setting to fix. */
export type LookupOutcome = { kind: "skip" } | { kind: "fail"; reason: string };

/**
 * The preview-time lookup of a provider failed. Only a run that holds no usable key (a pull-request preview:
 * no key at all, or no right to read the key's secret) and Qard being briefly unwell (5xx, 429 after the
 * retries) skip the lookup; `up` checks again before any write. A key Qard refuses, a URL that cannot be
 * reached or that is not the Qard API would fail the `up` the same way: the preview fails now, naming the
 * setting, so the pull request's check is red before the merge.
 */
export function classifyLookupFailure(
  error: unknown,
  settings: ConnectionSettings | undefined,
): LookupOutcome {
  if (error instanceof MissingApiKeyError || error instanceof SecretSourceError) return { kind: "skip" };
  const why = messageOf(error);
  if (settings === undefined) return { kind: "fail", reason: why };
  const { baseUrl, apiUrlSetting, apiKeySetting } = settings;
  if (error instanceof QardAuthError) {
    const answer = [String(error.status), error.qardMessage].filter(Boolean).join(" ");
    return {
      kind: "fail",
      reason: `Qard refused the API key from ${apiKeySetting} (${error.method} ${error.path} answered ${answer}): set a valid key for ${baseUrl}`,
    };
  }
  if (error instanceof QardNetworkError) {
    return { kind: "fail", reason: `cannot reach Qard at ${baseUrl} (${apiUrlSetting}): ${why}` };
  }
  if (error instanceof QardNotFoundError) {
    return {
      kind: "fail",
      reason: `${apiUrlSetting} (${baseUrl}) does not point at the Qard API: ${error.method} ${error.path} answered 404`,
    };
  }
  if (error instanceof QardResponseError) {
    return {
      kind: "fail",
      reason: `${apiUrlSetting} (${baseUrl}) does not answer like the Qard API: ${why}`,
    };
  }
  if (error instanceof QardApiError) return { kind: "skip" };
  return { kind: "fail", reason: why };
}
