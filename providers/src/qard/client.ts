import * as integration from "./integration-endpoints.ts";
import type { CommerceCollection, DataConnection, LegalUser, QardProvider, SyncStatus } from "./model.ts";
import { normalizeOptions, type QardClientOptions } from "./options.ts";
import * as providers from "./provider-endpoints.ts";
import { RequestPipeline } from "./request-pipeline.ts";

/**
 * Typed client of the Qard API v6. Each call validates its arguments, retries transient failures within
 * the retry budget, and either returns the parsed answer or throws a QardError subclass (see errors.ts).
 * Holds no state beyond its options, so instances are independent.
 *
 * A facade: the calls themselves are the provider endpoints (provider-endpoints.ts, what the resources
 * use) and the integration endpoints (integration-endpoints.ts, what `verify` uses), all sent through one
 * request pipeline (request-pipeline.ts).
 */
export class QardClient {
  readonly #pipeline: RequestPipeline;

  constructor(options: QardClientOptions) {
    this.#pipeline = new RequestPipeline(normalizeOptions(options));
  }

  /** GET /api/v6/providers, following pages when Qard answers with an envelope. */
  listProviders(): Promise<QardProvider[]> {
    return providers.listProviders(this.#pipeline);
  }

  /**
   * PUT /api/v6/providers/{name}/credentials. Credentials are write-only at Qard; their values are scrubbed
   * from anything Qard answers before it can reach an error. A value is a string or a boolean, never blank.
   */
  putCredentials(name: string, credentials: Record<string, string | boolean>): Promise<void> {
    return providers.putCredentials(this.#pipeline, name, credentials);
  }

  /** PUT /api/v6/providers/{name}/settings with the flat object of settings. */
  putSettings(name: string, settings: Record<string, boolean>): Promise<void> {
    return providers.putSettings(this.#pipeline, name, settings);
  }

  /** PUT /api/v6/providers/{name} {"enable": bool}. Qard refuses to enable a provider lacking credentials. */
  setEnabled(name: string, enabled: boolean): Promise<void> {
    return providers.setEnabled(this.#pipeline, name, enabled);
  }

  /** POST /api/v6/users/legal. Not repeated after an ambiguous failure: it could create the user twice. */
  createLegalUser(input: { name: string; siren?: string }): Promise<LegalUser> {
    return integration.createLegalUser(this.#pipeline, input);
  }

  /** POST /api/v6/users/{id}/data-connections. The answer says whether the user must authorize first. */
  createDataConnection(
    userId: string,
    input: { providerName: string; requestedDataTypes: string[]; skipPermissions?: boolean },
  ): Promise<DataConnection> {
    return integration.createDataConnection(this.#pipeline, userId, input);
  }

  /** GET /api/v6/users/{id}/data-connections/{cid}. */
  getDataConnection(userId: string, connectionId: string): Promise<DataConnection> {
    return integration.getDataConnection(this.#pipeline, userId, connectionId);
  }

  /**
   * POST /api/v6/users/{id}/sync, for the given data types or all of them. A type already QUEUED or
   * FETCHING makes Qard answer 409, thrown as a QardApiError with status 409: whether that is a failure is
   * the caller's decision.
   */
  startSync(userId: string, dataTypes?: string[]): Promise<SyncStatus[]> {
    return integration.startSync(this.#pipeline, userId, dataTypes);
  }

  /** GET /api/v6/users/{id}/sync/latest: the latest sync of each data type. */
  latestSyncs(userId: string): Promise<SyncStatus[]> {
    return integration.latestSyncs(this.#pipeline, userId);
  }

  /** GET /api/v6/users/{id}/commerce-{collection}, every page. Items are returned as Qard sent them. */
  listCommerce(userId: string, collection: CommerceCollection): Promise<unknown[]> {
    return integration.listCommerce(this.#pipeline, userId, collection);
  }
}
