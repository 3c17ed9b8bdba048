/**
 * One emulator per Qard account, each accepting that account's key only: a key sent to another account's
 * URL is answered 401, so a test sees any call that reached the wrong account. At the top of a file:
 *   const { eu, us } = startAccountEmulators({ eu: EU_KEY, us: US_KEY });
 * After each test the request logs are cleared and the provider lists the runtime shares are forgotten.
 */
import { afterEach } from "vitest";
import type { RunningEmulator } from "../../emulator/server.ts";
import { startTestEmulator } from "./emulator.ts";
import { forgetProviderLists } from "./serialized-provider.ts";

export function startAccountEmulators<Name extends string>(
  keys: Record<Name, string>,
): Record<Name, RunningEmulator> {
  const emulators = Object.fromEntries(
    Object.entries<string>(keys).map(([account, key]) => [account, startTestEmulator({ apiKeys: [key] })]),
  ) as Record<Name, RunningEmulator>;
  afterEach(() => {
    for (const emulator of Object.values<RunningEmulator>(emulators)) emulator.control.clearRequests();
    forgetProviderLists();
  });
  return emulators;
}
