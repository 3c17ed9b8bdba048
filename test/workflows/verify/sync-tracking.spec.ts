import { describe, expect, it } from "vitest";
import type { SyncStatus } from "../../../providers/src/qard/index.ts";
import { trackedStatuses } from "../../../workflows/verify/sync-tracking.ts";

describe("trackedStatuses", () => {
  const sync = (id: string, dataType: string, status: SyncStatus["status"]): SyncStatus => ({
    id,
    dataType,
    providerName: "shopify",
    status,
  });

  it("does not take an earlier sync's SUCCESS for the one started", () => {
    const latest = [sync("old", "COMMERCE_ORDER", "SUCCESS"), sync("new", "COMMERCE_PRODUCT", "QUEUED")];
    const expected = new Map([
      ["COMMERCE_ORDER", "mine"],
      ["COMMERCE_PRODUCT", "new"],
    ]);
    expect(trackedStatuses(latest, ["COMMERCE_ORDER", "COMMERCE_PRODUCT"], expected)).toEqual(
      new Map([
        ["COMMERCE_ORDER", "PENDING"],
        ["COMMERCE_PRODUCT", "QUEUED"],
      ]),
    );
  });
});
