/** A sync's timing and refusals, without a server. */
import { describe, expect, test } from "vitest";
import type { DataConnection, Sync } from "../../emulator/state.ts";
import { planSync, syncStatusAt } from "../../emulator/sync.ts";
import { formatTimestamp } from "../../emulator/time.ts";

describe("sync timing", () => {
  const sync: Sync = {
    id: "s",
    userId: "u",
    dataType: "COMMERCE_ORDER",
    providerName: "shopify",
    dataConnectionId: "c",
    requestedAtMs: 1_000,
    delayMs: 300,
  };

  test("is QUEUED, then FETCHING from half the delay, then SUCCESS", () => {
    expect([1_000, 1_149, 1_150, 1_299, 1_300].map((now) => syncStatusAt(sync, now))).toEqual([
      "QUEUED",
      "QUEUED",
      "FETCHING",
      "FETCHING",
      "SUCCESS",
    ]);
  });

  test("a zero delay succeeds at once", () => {
    expect(syncStatusAt({ ...sync, delayMs: 0 }, 1_000)).toBe("SUCCESS");
  });

  test("timestamps use Qard's format in UTC", () => {
    expect(formatTimestamp(Date.UTC(2024, 0, 15, 10, 30, 0))).toBe("2024-01-15 10:30:00");
  });

  test("planSync reports an uncovered type (422) before a running one (409)", () => {
    const connection: DataConnection = {
      id: "c",
      userId: "u",
      providerName: "shopify",
      status: "CONNECTED",
      requestedDataTypes: ["COMMERCE_ORDER"],
      skipPermissions: false,
      createdAtMs: 0,
    };
    const both = planSync([connection], [sync], "u", ["COMMERCE_ORDER", "KYC_CHECK"], 1_000);
    expect(both.ok ? 0 : both.error.status).toBe(422);
    const running = planSync([connection], [sync], "u", ["COMMERCE_ORDER"], 1_000);
    expect(running.ok ? 0 : running.error.status).toBe(409);
    expect(planSync([connection], [sync], "u", undefined, 1_300).ok).toBe(true);
  });
});
