/**
 * What the user should do after a call to Qard failed, by the error's cause; `rerun` names the command to
 * run again (`pulumi up` after a write; "the command" after a read, which a preview or refresh makes too).
 * Read from the error's `name` and `status`, so the lazily loaded Qard client need not be loaded to decide.
 */
export function nextStepAfter(error: unknown, rerun = "`pulumi up`"): string {
  const { name, status } = (error ?? {}) as { name?: unknown; status?: unknown };
  if (name === "QardRedirectError" || name === "QardResponseError") {
    return `check that qard:apiUrl is the Qard API, then run ${rerun} again`;
  }
  if (name === "QardAuthError" || status === 401 || status === 403) {
    return `check the Qard API key (qard:apiKey, qard:apiKeySecretId or QARD_API_KEY), then run ${rerun} again`;
  }
  // Transient failures (the client already retried those it could) and Qard's own errors.
  if (name === "QardNetworkError" || status === 429 || (typeof status === "number" && status >= 500)) {
    return `Qard did not answer in time: run ${rerun} again later`;
  }
  if (typeof status === "number" && status >= 400 && status < 500) {
    return `check this provider's settings and credentials in the stack config, then run ${rerun} again`;
  }
  return `fix the cause above, then run ${rerun} again`;
}
