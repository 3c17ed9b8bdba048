import { QardClient, type QardClientOptions } from "../../../providers/src/qard/index.ts";
import { PROVIDER_JSON, scriptedFetch, type ScriptedReply } from "./fake-fetch.ts";

export const BASE = "https://api.qard.test";

/** A client whose fetch answers the given replies in order, recording each call; waits between retries take no time. */
export function clientWith(replies: ScriptedReply[], options: Partial<QardClientOptions> = {}) {
  const scripted = scriptedFetch(...replies);
  const client = new QardClient({
    baseUrl: BASE,
    apiKey: "test-key",
    fetch: scripted.fetch,
    timeScale: 0,
    ...options,
  });
  return { client, calls: scripted.calls };
}

export const provider = (name: string, extra: Record<string, unknown> = {}) => ({
  ...PROVIDER_JSON,
  name,
  ...extra,
});

export const envelope = (result: unknown[], page: number, lastPage: number) => ({
  result,
  total: 99,
  per_page: 2,
  current_page: page,
  last_page: lastPage,
});
