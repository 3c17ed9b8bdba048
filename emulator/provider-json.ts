/** The provider object as the API shows it. Credentials are write-only: neither values nor presence appear. */
import type { ProviderDefinition } from "./catalogue.ts";
import type { ProviderState } from "./state.ts";

export function providerJson(definition: ProviderDefinition, state: ProviderState): Record<string, unknown> {
  return {
    name: definition.name,
    logo_url: `https://static.qard.invalid/providers/${definition.name}.svg`,
    enabled: state.enabled,
    available: state.available,
    unique: definition.unique,
    auth_required: definition.authRequired,
    // Documented as a field of every provider, even those without the setting.
    auto_connect: false,
    settings: [...definition.settings],
    credentials_config: definition.credentials.map((key) => key.name),
    data_types: [...definition.dataTypes],
    // Each setting's current value is a top-level field too (`"auto_connect": true`).
    ...state.settings,
  };
}
