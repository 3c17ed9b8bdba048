import { describe, expect, it } from "vitest";
import type { SyncStatus } from "../../../providers/src/qard/index.ts";
import { connectionIdsFromSyncs } from "../../../workflows/verify/existing-connection.ts";

describe("connectionIdsFromSyncs", () => {
  const sync = (
    dataConnectionId: string | undefined,
    providerName: string,
    requestedAt: string,
  ): SyncStatus => ({
    id: `s-${requestedAt}`,
    dataType: "COMMERCE_ORDER",
    providerName,
    status: "SUCCESS",
    requestedAt,
    ...(dataConnectionId === undefined ? {} : { dataConnectionId }),
  });

  it("lists the provider's connections the latest syncs ran on, most recent first, each once", () => {
    const latest = [
      sync("dc-old", "shopify", "2024-01-15 09:00:00"),
      sync("dc-new", "shopify", "2024-01-15 10:30:00"),
      sync("dc-new", "shopify", "2024-01-15 10:29:00"),
      sync("dc-paypal", "paypal", "2024-01-16 10:00:00"),
      sync(undefined, "shopify", "2024-01-17 10:00:00"),
    ];
    expect(connectionIdsFromSyncs(latest, "shopify")).toEqual(["dc-new", "dc-old"]);
    expect(connectionIdsFromSyncs(latest, "square")).toEqual([]);
  });
});
