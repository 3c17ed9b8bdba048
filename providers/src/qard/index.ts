export { QardClient } from "./client.ts";
export {
  createApiError,
  QardApiError,
  QardAuthError,
  QardConfigError,
  QardError,
  QardNetworkError,
  QardNotFoundError,
  QardRateLimitError,
  QardRedirectError,
  QardResponseError,
} from "./errors.ts";
export type { ApiErrorInit, ApiErrorInput, NetworkErrorInit, NetworkErrorKind } from "./errors.ts";
export type {
  CommerceCollection,
  DataConnection,
  DataConnectionStatus,
  LegalUser,
  QardProvider,
  SyncStatus,
  SyncStatusValue,
} from "./model.ts";
export { DATA_CONNECTION_STATUSES, SYNC_STATUSES } from "./model.ts";
export { DEFAULTS, isLoopbackHost, normalizeOptions } from "./options.ts";
export type {
  FetchLike,
  NormalizedOptions,
  QardClientOptions,
  RequestEvent,
  RetryOptions,
} from "./options.ts";
export { createRedactor, REDACTED } from "./redact.ts";
export { fullJitterBackoffMs, parseRetryAfterMs, retryDelayMs } from "./retry-delay.ts";
export { decideRetry, isRetryable, shouldRetry } from "./retry-policy.ts";
export type { AttemptOutcome, RetryDecision, RetryState, StopReason } from "./retry-policy.ts";
