/**
 * Deterministic commerce data for a user: the same user always gets the same records, and ids differ
 * between users, so a test can compare two reads or two users.
 */
import { createHash } from "node:crypto";
import { formatTimestamp } from "./time.ts";

export type CommerceKind = "locations" | "customers" | "products" | "orders";

export const COMMERCE_DATA_TYPES: Record<CommerceKind, string> = {
  locations: "COMMERCE_LOCATION",
  customers: "COMMERCE_CUSTOMER",
  products: "COMMERCE_PRODUCT",
  orders: "COMMERCE_ORDER",
};

const COUNTS: Record<CommerceKind, number> = { locations: 2, customers: 5, products: 8, orders: 12 };

/** A UUID-formatted id derived from the user, the kind and the index. */
function stableId(userId: string, kind: CommerceKind, index: number): string {
  const hex = createHash("sha256").update(`${userId}/${kind}/${index}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const CITIES = ["Paris", "Lyon"] as const;
const FIRST_NAMES = ["Camille", "Hugo", "Léa", "Louis", "Chloé"] as const;
const LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert"] as const;
const PRODUCTS = [
  "Mug",
  "T-shirt",
  "Tote bag",
  "Notebook",
  "Poster",
  "Cap",
  "Sticker pack",
  "Hoodie",
] as const;
// A fixed day, so that generated records do not change from one run to the next.
const EPOCH_MS = Date.UTC(2024, 0, 15, 10, 30, 0);
const DAY_MS = 86_400_000;

function pick<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function timestamp(daysAfterEpoch: number): string {
  return formatTimestamp(EPOCH_MS + daysAfterEpoch * DAY_MS);
}

const indices = (kind: CommerceKind): number[] => Array.from({ length: COUNTS[kind] }, (_, i) => i);

function productPriceCents(index: number): number {
  return 500 + index * 350;
}

export function commerceRecords(userId: string, kind: CommerceKind): Record<string, unknown>[] {
  switch (kind) {
    case "locations":
      return indices(kind).map((i) => ({
        id: stableId(userId, kind, i),
        name: `${pick(CITIES, i)} store`,
        address: {
          line1: `${10 + i} rue de la Paix`,
          city: pick(CITIES, i),
          postal_code: "75002",
          country: "FR",
        },
        created_at: timestamp(i),
      }));
    case "customers":
      return indices(kind).map((i) => ({
        id: stableId(userId, kind, i),
        first_name: pick(FIRST_NAMES, i),
        last_name: pick(LAST_NAMES, i),
        email: `customer${i + 1}@example.com`,
        created_at: timestamp(i),
      }));
    case "products":
      return indices(kind).map((i) => ({
        id: stableId(userId, kind, i),
        name: pick(PRODUCTS, i),
        sku: `SKU-${String(i + 1).padStart(4, "0")}`,
        price: productPriceCents(i) / 100,
        currency: "EUR",
        inventory_quantity: 10 * (i + 1),
      }));
    case "orders":
      return indices(kind).map((i) => orderRecord(userId, i));
  }
}

function orderRecord(userId: string, i: number): Record<string, unknown> {
  const productIndex = i % COUNTS.products;
  const quantity = (i % 3) + 1;
  return {
    id: stableId(userId, "orders", i),
    order_number: 1001 + i,
    customer_id: stableId(userId, "customers", i % COUNTS.customers),
    location_id: stableId(userId, "locations", i % COUNTS.locations),
    status: i % 4 === 3 ? "REFUNDED" : "PAID",
    currency: "EUR",
    total_amount: (productPriceCents(productIndex) * quantity) / 100,
    lines: [{ product_id: stableId(userId, "products", productIndex), quantity }],
    created_at: timestamp(i),
  };
}
