/** The client's view of Qard objects: camelCase, defaults filled, unknown fields dropped. */

export interface QardProvider {
  /** Technical name, used in paths. */
  name: string;
  enabled: boolean;
  /** Decided by Qard per account; only an available provider can be enabled. */
  available: boolean;
  /** The end user must authorize the data connection. */
  authRequired: boolean;
  /** One data connection per user. */
  unique: boolean;
  logoUrl?: string;
  /** Names of the write-only credentials the provider takes (values can never be read back). */
  credentialKeys: string[];
  settingNames: string[];
  /** Current value of each setting Qard reported as a boolean. */
  settings: Record<string, boolean>;
  dataTypes: string[];
}

export const DATA_CONNECTION_STATUSES = [
  "AUTH_REQUIRED",
  "CONNECTING",
  "CONNECTED",
  "AUTH_ERROR",
  "DISCONNECTED",
] as const;
export type DataConnectionStatus = (typeof DATA_CONNECTION_STATUSES)[number];

export interface DataConnection {
  id: string;
  providerName: string;
  status: DataConnectionStatus;
  /** Where the user authorizes the connection, while AUTH_REQUIRED. */
  redirectUrl?: string;
}

export const SYNC_STATUSES = [
  "QUEUED",
  "FETCHING",
  "AUTH_ERROR",
  "FETCH_ERROR",
  "INTERNAL_ERROR",
  "SUCCESS",
] as const;
export type SyncStatusValue = (typeof SYNC_STATUSES)[number];

export interface SyncStatus {
  id: string;
  dataType: string;
  providerName: string;
  status: SyncStatusValue;
  dataConnectionId?: string;
  /** As Qard writes it, e.g. "2024-01-15 10:30:00" (no zone given). */
  requestedAt?: string;
  /** null while the sync runs. */
  completedAt?: string | null;
}

export interface LegalUser {
  id: string;
  name?: string;
}

/** Qard's commerce collections (GET /api/v6/users/{id}/commerce-{collection}) and the data type each holds. */
export const COMMERCE_COLLECTION_DATA_TYPES = {
  locations: "COMMERCE_LOCATION",
  customers: "COMMERCE_CUSTOMER",
  products: "COMMERCE_PRODUCT",
  orders: "COMMERCE_ORDER",
} as const;

export type CommerceCollection = keyof typeof COMMERCE_COLLECTION_DATA_TYPES;
