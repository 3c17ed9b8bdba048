/**
 * The providers the emulator knows, taken from Qard's provider pages (see /work/shared/qard-api.md).
 * Only Shopify's data types are published; the others are plausible placeholders so that connections and
 * syncs can be exercised for every provider. An emulator can be given extra providers on top of these.
 */

export type CredentialType = "string" | "boolean";

export interface CredentialKey {
  name: string;
  type: CredentialType;
}

export interface ProviderDefinition {
  name: string;
  /** One data connection per user. */
  unique: boolean;
  /** The end user must open a redirect URL before the connection is CONNECTED. */
  authRequired: boolean;
  credentials: readonly CredentialKey[];
  settings: readonly string[];
  dataTypes: readonly string[];
}

const COMMERCE = ["COMMERCE_LOCATION", "COMMERCE_CUSTOMER", "COMMERCE_PRODUCT", "COMMERCE_ORDER"] as const;
const PAYMENT = ["PAYMENT_ACCOUNT", "PAYMENT_TRANSACTION"] as const;
const COMPANY = ["COMPANY_PROFILE", "COMPANY_OFFICER", "COMPANY_BENEFICIAL_OWNER"] as const;
const BANKING = ["BANK_ACCOUNT", "BANK_TRANSACTION"] as const;

const text = (name: string): CredentialKey => ({ name, type: "string" });
const IS_SANDBOX: CredentialKey = { name: "is_sandbox", type: "boolean" };

function provider(
  name: string,
  fields: Partial<Omit<ProviderDefinition, "name">> & Pick<ProviderDefinition, "dataTypes">,
): ProviderDefinition {
  return { name, unique: false, authRequired: false, credentials: [], settings: ["auto_connect"], ...fields };
}

export const CATALOGUE: readonly ProviderDefinition[] = [
  provider("shopify", {
    authRequired: true,
    credentials: [text("client_id"), text("client_secret")],
    dataTypes: COMMERCE,
  }),
  provider("paypal", {
    authRequired: true,
    credentials: [IS_SANDBOX, text("client_id"), text("client_secret")],
    dataTypes: PAYMENT,
  }),
  provider("gocardless", {
    authRequired: true,
    credentials: [IS_SANDBOX, text("client_id"), text("client_secret")],
    dataTypes: PAYMENT,
  }),
  provider("square", {
    authRequired: true,
    credentials: [IS_SANDBOX, text("app_id"), text("app_secret"), text("oauth_secret")],
    settings: [],
    dataTypes: COMMERCE,
  }),
  provider("infogreffe", {
    unique: true,
    credentials: [text("client_id"), text("password")],
    settings: ["auto_connect", "confidential_only"],
    dataTypes: ["COMPANY_PROFILE", "COMPANY_OFFICER", "LEGAL_DOCUMENT"],
  }),
  provider("company_legal_fr", { unique: true, dataTypes: COMPANY }),
  provider("prestashop", { authRequired: true, dataTypes: COMMERCE }),
  provider("woocommerce", { authRequired: true, dataTypes: COMMERCE }),
  provider("comply_cube", {
    unique: true,
    settings: ["officers_check", "beneficial_owners_check", "background_check_nodes_check"],
    dataTypes: ["KYC_CHECK"],
  }),
  provider("sandbox_public", { unique: true, dataTypes: COMPANY }),
  provider("sandbox_private", { dataTypes: ["FINANCIAL_STATEMENT", "TAX_RETURN"] }),
  provider("sandbox_openbanking", { dataTypes: BANKING }),
  provider("sandbox_commerce", { dataTypes: COMMERCE }),
  provider("sandbox_ocr", { dataTypes: ["OCR_DOCUMENT"] }),
];

/**
 * The providers one running emulator knows: the built-in list plus the emulator's extra providers. Each
 * emulator has its own, so that two emulators in one process can know different providers.
 */
export class Catalogue {
  readonly #definitions: readonly ProviderDefinition[];
  readonly #byName: ReadonlyMap<string, ProviderDefinition>;
  /** Every credential key name of every provider: used to redact secrets sent to the wrong route. */
  readonly credentialKeyNames: ReadonlySet<string>;

  constructor(definitions: readonly ProviderDefinition[]) {
    this.#definitions = [...definitions];
    this.#byName = new Map(definitions.map((definition) => [definition.name, definition]));
    if (this.#byName.size !== definitions.length) throw new Error("a catalogue names each provider once");
    this.credentialKeyNames = new Set(definitions.flatMap((d) => d.credentials.map((key) => key.name)));
  }

  find(name: string): ProviderDefinition | undefined {
    return this.#byName.get(name);
  }

  /** In listing order: the built-in providers first, then the extra ones in the order given. */
  all(): readonly ProviderDefinition[] {
    return this.#definitions;
  }
}

/** The built-in providers followed by `extra`, which must already be valid (see `parseExtraProviders`). */
export function catalogueWith(extra: readonly ProviderDefinition[] = []): Catalogue {
  return new Catalogue([...CATALOGUE, ...extra]);
}
