/**
 * What the verify specs share: a Qard client of an emulator, providers set up as `pulumi up` would, and the
 * emulator's fixed commerce data. Each spec starts its own emulator.
 */
import { QardClient, type FetchLike, type QardClientOptions } from "../../../providers/src/qard/index.ts";
import type { RunningEmulator } from "../../../emulator/server.ts";

export const API_KEY = "qk_verify_canary_5e1f0c93";
export const COMMERCE_TYPES = [
  "COMMERCE_LOCATION",
  "COMMERCE_CUSTOMER",
  "COMMERCE_PRODUCT",
  "COMMERCE_ORDER",
];
// The emulator's fixed commerce data set per user.
export const COMMERCE_COUNTS = { locations: 2, customers: 5, products: 8, orders: 12 };
const SHOPIFY_CREDENTIALS = { client_id: "shop-client-id", client_secret: "shop-client-secret" };

export const allSuccess = Object.fromEntries(COMMERCE_TYPES.map((type) => [type, "SUCCESS"]));

export function clientOf(
  target: Pick<RunningEmulator, "baseUrl">,
  overrides: Partial<QardClientOptions> = {},
) {
  return new QardClient({ baseUrl: target.baseUrl, apiKey: API_KEY, timeScale: 0.01, ...overrides });
}

/** The provider set up as `pulumi up` would: credentials first when it takes any, then enabled. */
export async function enableProvider(client: QardClient, name: string): Promise<void> {
  if (name === "shopify") await client.putCredentials(name, SHOPIFY_CREDENTIALS);
  await client.setEnabled(name, true);
}

export async function newUser(client: QardClient): Promise<string> {
  return (await client.createLegalUser({ name: "Verify SAS" })).id;
}

export function callsOf(target: Pick<RunningEmulator, "control">, method: string, pathEnd: string) {
  return target.control.requests().filter((r) => r.method === method && r.path.endsWith(pathEnd));
}

/**
 * The emulator's syncs always succeed; this fetch plays Qard reporting one type's sync as FETCH_ERROR once
 * it has ended, by rewriting the sync/latest answer on its way to the client.
 */
export function fetchFailingSyncOf(dataType: string): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    if (!new URL(url).pathname.endsWith("/sync/latest")) return response;
    const syncs = (await response.json()) as Record<string, unknown>[];
    const rewritten = syncs.map((sync) =>
      sync.data_type === dataType && sync.status === "SUCCESS" ? { ...sync, status: "FETCH_ERROR" } : sync,
    );
    return new Response(JSON.stringify(rewritten), { status: response.status, headers: response.headers });
  };
}
