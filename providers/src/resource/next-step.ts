/**
 * What the user should do after a write to Qard failed, by the error's cause. Read from the error's `name`
 * and `status`, so the Qard client (loaded lazily by the provider) need not be loaded to decide.
 */
export function nextStepAfter(error: unknown): string {
  const { name, status } = (error ?? {}) as { name?: unknown; status?: unknown };
  if (name === "QardRedirectError" || name === "QardResponseError") {
    return "check that qard:apiUrl is the Qard API, then run `pulumi up` again";
  }
  if (name === "QardAuthError" || status === 401 || status === 403) {
    return "check the Qard API key (qard:apiKey, qard:apiKeySecretId or QARD_API_KEY), then run `pulumi up` again";
  }
  // Transient failures (the client already retried those it could) and Qard's own errors.
  if (name === "QardNetworkError" || status === 429 || (typeof status === "number" && status >= 500)) {
    return "Qard did not accept it in time: run `pulumi up` again later";
  }
  if (typeof status === "number" && status >= 400 && status < 500) {
    return "check this provider's settings and credentials in the stack config, then run `pulumi up` again";
  }
  return "fix the cause above, then run `pulumi up` again";
}
