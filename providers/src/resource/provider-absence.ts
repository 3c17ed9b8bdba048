import type { QardClient } from "../qard/index.ts";
import { messageOf } from "../error-message.ts";

/** What Qard's provider list says about a provider whose own route answered 404. */
export type Absence = { absent: true } | { absent: false; why: string };

/**
 * A 404 on `PUT /api/v6/providers/{name}` is no proof that the provider is gone: a wrong base path (a typo in
 * qard:apiUrl, a proxy in front of Qard) answers 404 for every route, with an error body that may look like
 * Qard's. Only the documented provider list, read successfully and without the provider, says it does not
 * exist. Costs one GET, on the 404 path only.
 */
export async function confirmAbsent(client: QardClient, name: string): Promise<Absence> {
  let names: string[];
  try {
    names = (await client.listProviders()).map((provider) => provider.name);
  } catch (error) {
    const why = messageOf(error);
    return { absent: false, why: `the provider list could not be read either (${why})` };
  }
  if (names.includes(name)) return { absent: false, why: `Qard's provider list still has "${name}"` };
  return { absent: true };
}
