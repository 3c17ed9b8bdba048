export { QardClient } from "./client.ts";
export {
  QardApiError,
  QardAuthError,
  QardConfigError,
  QardError,
  QardIdentifierError,
  QardNetworkError,
  QardNotFoundError,
  QardRateLimitError,
  QardRedirectError,
  QardResponseError,
} from "./errors.ts";
export type { NetworkErrorKind } from "./errors.ts";
export type {
  CommerceCollection,
  DataConnection,
  DataConnectionStatus,
  LegalUser,
  QardProvider,
  SyncStatus,
  SyncStatusValue,
} from "./model.ts";
export { COMMERCE_COLLECTION_DATA_TYPES, DATA_CONNECTION_STATUSES, SYNC_STATUSES } from "./model.ts";
export type { FetchLike, QardClientOptions, RequestEvent } from "./options.ts";
export type { RetryLimits, RetryOptions } from "./retry-limits.ts";
// Callers that put a key in their own messages scrub it the way the client does.
export { createRedactor, REDACTED } from "./redact.ts";
