/** The emulator's decisions, tested without a server. */
import { describe, expect, test } from "vitest";
import { CATALOGUE, type ProviderDefinition } from "../../emulator/catalogue.ts";
import { faultMatches, FaultTable } from "../../emulator/faults.ts";
import { redactBody } from "../../emulator/request-log.ts";
import { matchPattern } from "../../emulator/router.ts";
import {
  checkCredentialsBody,
  checkEnableBody,
  checkSettingsBody,
  credentialProblems,
} from "../../emulator/rules.ts";
import { DEFAULT_SHAPES, renderList } from "../../emulator/shapes.ts";
import type { DataConnection, Sync } from "../../emulator/state.ts";
import { planSync, syncStatusAt } from "../../emulator/sync.ts";
import { formatTimestamp } from "../../emulator/time.ts";

function provider(name: string): ProviderDefinition {
  const definition = CATALOGUE.find((candidate) => candidate.name === name);
  if (definition === undefined) throw new Error(`no provider ${name}`);
  return definition;
}

describe("rules", () => {
  test("credentialProblems sorts missing, unexpected, mistyped and empty keys", () => {
    expect(credentialProblems(provider("paypal"), { is_sandbox: "false", client_id: "", extra: 1 })).toEqual({
      missing: ["client_secret"],
      unexpected: ["extra"],
      wrong_type: [{ key: "is_sandbox", expected: "boolean" }],
      empty: ["client_id"],
    });
  });

  test("checkCredentialsBody accepts the exact keys", () => {
    const body = { credentials: { is_sandbox: false, app_id: "a", app_secret: "b", oauth_secret: "c" } };
    expect(checkCredentialsBody(provider("square"), body)).toEqual({
      ok: true,
      credentials: body.credentials,
    });
  });

  test("checkSettingsBody refuses an array body", () => {
    expect(checkSettingsBody(provider("shopify"), [true]).ok).toBe(false);
  });

  test("checkEnableBody checks availability before credentials", () => {
    const check = checkEnableBody(
      provider("shopify"),
      { enabled: false, available: false, settings: {} },
      {
        enable: true,
      },
    );
    expect(check.ok ? undefined : check.error.code).toBe("PROVIDER_NOT_AVAILABLE");
  });
});

describe("faults", () => {
  test("match exact paths, prefixes and methods", () => {
    expect(faultMatches({ path: "/a/*" }, "GET", "/a/b")).toBe(true);
    expect(faultMatches({ path: "/a/*" }, "GET", "/ab")).toBe(false);
    expect(faultMatches({ path: "/a" }, "GET", "/a/b")).toBe(false);
    expect(faultMatches({ path: "/a", method: "PUT" }, "GET", "/a")).toBe(false);
  });

  test("are used up after `times` matches", () => {
    const table = new FaultTable();
    table.add({ path: "/a", status: 503, times: 2 });
    expect(
      [table.take("GET", "/a"), table.take("GET", "/a"), table.take("GET", "/a")].map((f) => f?.status),
    ).toEqual([503, 503, undefined]);
  });
});

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

describe("plumbing", () => {
  test("matchPattern extracts decoded parameters and tolerates a trailing slash", () => {
    expect(matchPattern("/p/{name}/credentials", "/p/sh%20op/credentials/")).toEqual({ name: "sh op" });
    expect(matchPattern("/p/{name}", "/p/")).toBeUndefined();
  });

  test("redactBody hides a nested credentials object on any route", () => {
    expect(
      redactBody("/api/v6/users/legal", { name: "A", meta: { credentials: { x: "y" } } }, ["k"], new Set()),
    ).toEqual({
      name: "A",
      meta: { credentials: { x: "[REDACTED]" } },
    });
  });

  test("renderList leaves a bare array alone and pages an envelope", () => {
    const items = [1, 2, 3];
    expect(renderList(DEFAULT_SHAPES, items, new URLSearchParams("page=2"))).toBe(items);
    expect(
      renderList({ ...DEFAULT_SHAPES, list: "envelope" }, items, new URLSearchParams("page=2&per_page=2")),
    ).toEqual({ result: [3], total: 3, per_page: 2, current_page: 2, last_page: 2 });
  });
});
