/**
 * The providers the emulator knows, taken from Qard's provider pages (see /work/shared/qard-api.md).
 * Only Shopify's data types are published; the others are plausible placeholders so that connections and
 * syncs can be exercised for every provider.
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

export function findProvider(name: string): ProviderDefinition | undefined {
  return CATALOGUE.find((definition) => definition.name === name);
}

/** Every credential key name of every provider: used to redact secrets sent to the wrong route. */
export const CREDENTIAL_KEY_NAMES: ReadonlySet<string> = new Set(
  CATALOGUE.flatMap((definition) => definition.credentials.map((key) => key.name)),
);
