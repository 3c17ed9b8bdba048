/** Qard as the emulator holds it, for the soak's providers: read over the API, credentials from the control. */
import type { RunningEmulator } from "../../emulator/server.ts";
import { QardClient } from "../../providers/src/qard/index.ts";
import { SOAK_PROVIDERS } from "./soak-config.ts";
import type { QardView } from "./soak-state.ts";

export async function readQard(emulator: RunningEmulator, apiKey: string): Promise<QardView> {
  const client = new QardClient({ baseUrl: emulator.baseUrl, apiKey });
  const view: QardView = {};
  for (const provider of await client.listProviders()) {
    if (!(provider.name in SOAK_PROVIDERS)) continue;
    const credentials = emulator.control.credentialsOf(provider.name);
    view[provider.name] = {
      enabled: provider.enabled,
      settings: provider.settings,
      ...(credentials === undefined ? {} : { credentials }),
    };
  }
  return view;
}
