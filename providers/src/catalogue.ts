// The Qard providers whose keys are documented (see shared/qard-api.md). Used to reject bad credentials
// and settings at `check` time, before any write. The catalogue is incomplete on purpose: a provider
// that is not listed is not an error; its keys are then validated against Qard's own answer at apply time.

export type CredentialType = "string" | "boolean";

export interface CatalogueEntry {
  readonly credentials: Readonly<Record<string, CredentialType>>;
  readonly settings: readonly string[];
}

const clientIdSecret = { client_id: "string", client_secret: "string" } as const;
const sandboxed = { is_sandbox: "boolean", ...clientIdSecret } as const;
const autoConnectOnly = { credentials: {}, settings: ["auto_connect"] } as const;

export const KNOWN_PROVIDERS: Readonly<Record<string, CatalogueEntry>> = {
  shopify: { credentials: clientIdSecret, settings: ["auto_connect"] },
  paypal: { credentials: sandboxed, settings: ["auto_connect"] },
  gocardless: { credentials: sandboxed, settings: ["auto_connect"] },
  square: {
    credentials: { is_sandbox: "boolean", app_id: "string", app_secret: "string", oauth_secret: "string" },
    settings: [],
  },
  infogreffe: {
    credentials: { client_id: "string", password: "string" },
    settings: ["auto_connect", "confidential_only"],
  },
  company_legal_fr: autoConnectOnly,
  prestashop: autoConnectOnly,
  woocommerce: autoConnectOnly,
  impots_gouv: autoConnectOnly,
  ocr_service: autoConnectOnly,
  comply_cube: {
    credentials: {},
    settings: ["officers_check", "beneficial_owners_check", "background_check_nodes_check"],
  },
  sandbox_public: autoConnectOnly,
  sandbox_private: autoConnectOnly,
  sandbox_openbanking: autoConnectOnly,
  sandbox_commerce: autoConnectOnly,
  sandbox_ocr: autoConnectOnly,
};

export function catalogueEntry(providerName: string): CatalogueEntry | undefined {
  return Object.hasOwn(KNOWN_PROVIDERS, providerName) ? KNOWN_PROVIDERS[providerName] : undefined;
}
