/**
 * One provider catalogue: the emulator takes each built-in provider's credential keys and settings from the
 * library's (providers/src/catalogue.ts), so what `check` expects is what the emulated API lists.
 */
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../emulator/catalogue.ts";
import { catalogueEntry, KNOWN_PROVIDERS } from "../../providers/src/catalogue.ts";
import { QardClient } from "../../providers/src/qard/index.ts";
import { EMULATOR_API_KEY, startTestEmulator } from "../helpers/emulator.ts";

const emulator = startTestEmulator();

describe("the provider catalogue", () => {
  it("gives the emulator each built-in provider's credential keys, with their types, and settings", () => {
    for (const definition of CATALOGUE) {
      const entry = catalogueEntry(definition.name);
      expect(entry, definition.name).toBeDefined();
      const credentials = Object.fromEntries(definition.credentials.map((key) => [key.name, key.type]));
      expect({ name: definition.name, credentials, settings: definition.settings }).toEqual({
        name: definition.name,
        credentials: entry?.credentials,
        settings: entry?.settings,
      });
    }
  });

  it("is what the emulated API lists, as the client reads it", async () => {
    const client = new QardClient({ baseUrl: emulator.baseUrl, apiKey: EMULATOR_API_KEY });
    const listed = await client.listProviders();
    expect(listed.map((provider) => provider.name)).toEqual(CATALOGUE.map((definition) => definition.name));
    for (const provider of listed) {
      const entry = KNOWN_PROVIDERS[provider.name];
      expect({ name: provider.name, keys: provider.credentialKeys, settings: provider.settingNames }).toEqual(
        {
          name: provider.name,
          keys: Object.keys(entry?.credentials ?? {}),
          settings: entry?.settings,
        },
      );
    }
  });
});
