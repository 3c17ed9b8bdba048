/**
 * The providers the emulator knows. Their credential keys and settings come from the library's catalogue
 * (Qard's provider pages, see shared/qard-api.md), so the emulator and the library's checks cannot
 * disagree; the emulator adds what only an API answer shows. Only Shopify's data types are published; the
 * others are plausible placeholders so that connections and syncs can be exercised for every provider. An
 * emulator can be given extra providers on top of these.
 */
import { catalogueEntry } from "@qard-iac/pulumi-qard/internal";
import type { CredentialType } from "@qard-iac/pulumi-qard/rules";
import { COMMERCE_COLLECTION_DATA_TYPES } from "@qard-iac/pulumi-qard/qard";

export type { CredentialType };

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

const COMMERCE = Object.values(COMMERCE_COLLECTION_DATA_TYPES);
const PAYMENT = ["PAYMENT_ACCOUNT", "PAYMENT_TRANSACTION"] as const;
const COMPANY = ["COMPANY_PROFILE", "COMPANY_OFFICER", "COMPANY_BENEFICIAL_OWNER"] as const;
const BANKING = ["BANK_ACCOUNT", "BANK_TRANSACTION"] as const;

/** A documented provider: its keys and settings from the library's catalogue, the rest given here. */
function provider(
  name: string,
  fields: Partial<Pick<ProviderDefinition, "unique" | "authRequired">> &
    Pick<ProviderDefinition, "dataTypes">,
): ProviderDefinition {
  const entry = catalogueEntry(name);
  if (entry === undefined) throw new Error(`${name} is not in the library's provider catalogue`);
  const credentials = Object.entries(entry.credentials).map(([key, type]) => ({ name: key, type }));
  return { name, unique: false, authRequired: false, credentials, settings: entry.settings, ...fields };
}

export const CATALOGUE: readonly ProviderDefinition[] = [
  provider("shopify", { authRequired: true, dataTypes: COMMERCE }),
  provider("paypal", { authRequired: true, dataTypes: PAYMENT }),
  provider("gocardless", { authRequired: true, dataTypes: PAYMENT }),
  provider("square", { authRequired: true, dataTypes: COMMERCE }),
  provider("infogreffe", {
    unique: true,
    dataTypes: ["COMPANY_PROFILE", "COMPANY_OFFICER", "LEGAL_DOCUMENT"],
  }),
  provider("company_legal_fr", { unique: true, dataTypes: COMPANY }),
  provider("prestashop", { authRequired: true, dataTypes: COMMERCE }),
  provider("woocommerce", { authRequired: true, dataTypes: COMMERCE }),
  provider("comply_cube", { unique: true, dataTypes: ["KYC_CHECK"] }),
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
