/**
 * verifyIntegration against the emulator, through each path a user meets: connected at once, authorization,
 * timeout, refusal, a sync already running, a disabled provider, a sync that fails.
 */
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import type { QardClient } from "../../../providers/src/qard/index.ts";
import { VerifyError } from "../../../workflows/verify/verify-error.ts";
import {
  connectionStep,
  verifyIntegration,
  type VerifyEvent,
  type VerifyOptions,
  type VerifyReport,
} from "../../../workflows/verify/verify-integration.ts";
import { call, startEmulatorUntilTestEnds, startTestEmulator } from "../../helpers/emulator.ts";
import {
  allSuccess,
  API_KEY,
  callsOf,
  clientOf,
  COMMERCE_COUNTS,
  COMMERCE_TYPES,
  enableProvider,
  fetchFailingSyncOf,
  newUser,
} from "./verify-fixtures.ts";

const emulator = startTestEmulator({ apiKeys: [API_KEY], syncDelayMs: 50 });
afterEach(() => emulator.control.reset());

/** verifyIntegration with test-sized waits, recording every progress event. */
async function verify(
  client: QardClient,
  options: Partial<VerifyOptions> & Pick<VerifyOptions, "userId" | "providerName">,
): Promise<{ report: VerifyReport; events: VerifyEvent[] }> {
  const events: VerifyEvent[] = [];
  const report = await verifyIntegration(client, {
    timeoutMs: 10_000,
    pollIntervalMs: 10,
    ...options,
    onProgress: (event) => {
      events.push(event);
      options.onProgress?.(event);
    },
  });
  return { report, events };
}

describe("verifyIntegration", () => {
  it("with a provider that needs no authorization, syncs every data type and counts the commerce data", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "sandbox_commerce");
    const userId = await newUser(client);

    const { report, events } = await verify(client, { userId, providerName: "sandbox_commerce" });

    expect(report).toMatchObject({
      ok: true,
      providerName: "sandbox_commerce",
      connection: { status: "CONNECTED" },
      sync: { started: COMMERCE_TYPES, followed: [], statuses: allSuccess },
      commerceCounts: COMMERCE_COUNTS,
    });
    expect(events.some((event) => event.kind === "authorization-required")).toBe(false);
    // The documented steps, each once: the connection asks for the provider's data types, so does the sync.
    expect(callsOf(emulator, "POST", "/data-connections").map((r) => r.body)).toEqual([
      { provider_name: "sandbox_commerce", requested_data_types: COMMERCE_TYPES },
    ]);
    expect(callsOf(emulator, "POST", "/sync").map((r) => r.body)).toEqual([{ data_types: COMMERCE_TYPES }]);
  });

  it("tells each sync status change once, ending with SUCCESS for every type", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "sandbox_commerce");
    const { events } = await verify(client, {
      userId: await newUser(client),
      providerName: "sandbox_commerce",
    });

    const statusEvents = events.filter((event) => event.kind === "sync-status");
    for (const type of COMMERCE_TYPES) {
      const statuses = statusEvents.filter((e) => e.dataType === type).map((e) => e.status);
      expect(statuses.at(-1)).toBe("SUCCESS");
      // A line per change, not per poll.
      expect(statuses).toEqual([...new Set(statuses)]);
    }
  });

  it("waits while the user authorizes at redirect_url (AUTH_REQUIRED), then syncs Shopify's commerce data", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "shopify");
    const userId = await newUser(client);
    let authorized: Promise<Response> | undefined;

    const { report, events } = await verify(client, {
      userId,
      providerName: "shopify",
      onProgress: (event) => {
        // The user opening the link that verify printed.
        if (event.kind === "authorization-required" && event.redirectUrl !== undefined) {
          authorized = fetch(event.redirectUrl);
        }
      },
    });

    expect((await authorized)?.status).toBe(200);
    const connectionStatuses = events.flatMap((e) => (e.kind === "connection" ? [e.status] : []));
    expect(connectionStatuses).toEqual(["AUTH_REQUIRED", "CONNECTED"]);
    expect(report.ok).toBe(true);
    expect(report.sync.statuses).toEqual(allSuccess);
    expect(report.commerceCounts).toEqual(COMMERCE_COUNTS);
  });

  it("refuses a provider that Qard lists twice with different content, and starts nothing", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "shopify");
    const userId = await newUser(client);
    const entries = await client.listProviders();
    const listed = await call(emulator, "GET", "/api/v6/providers", { apiKey: API_KEY });
    const raw = listed.json as Record<string, unknown>[] | { result: Record<string, unknown>[] };
    const rawEntries = Array.isArray(raw) ? raw : raw.result;
    const shopify = rawEntries.find((entry) => entry.name === "shopify");
    expect(entries.find((entry) => entry.name === "shopify")?.enabled).toBe(true);
    emulator.control.addFault({
      method: "GET",
      path: "/api/v6/providers",
      status: 200,
      json: [...rawEntries, { ...shopify, enabled: false }],
    });

    const failure = await verify(client, { userId, providerName: "shopify" }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(VerifyError);
    expect((failure as VerifyError).message).toContain('several entries for "shopify" that disagree');
    expect(callsOf(emulator, "POST", "/data-connections")).toEqual([]);
    expect(callsOf(emulator, "POST", "/sync")).toEqual([]);
  });

  it("gives up when the user has not authorized within the timeout, naming the link, and starts no sync", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "shopify");
    const userId = await newUser(client);
    let redirectUrl: string | undefined;

    const failure = await verify(client, {
      userId,
      providerName: "shopify",
      timeoutMs: 150,
      onProgress: (event) => {
        if (event.kind === "authorization-required") redirectUrl = event.redirectUrl;
      },
    }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(VerifyError);
    expect((failure as VerifyError).reason).toBe("authorization-timeout");
    expect((failure as VerifyError).message).toContain("still AUTH_REQUIRED");
    expect(redirectUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect((failure as VerifyError).message).toContain(redirectUrl);
    expect(callsOf(emulator, "POST", "/sync")).toEqual([]);
  });

  it("fails without a sync when the user refuses the authorization (AUTH_ERROR)", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "shopify");
    const refused: Promise<Response>[] = [];

    const failure = await verify(client, {
      userId: await newUser(client),
      providerName: "shopify",
      onProgress: (event) => {
        if (event.kind === "authorization-required")
          refused.push(fetch(`${event.redirectUrl}?outcome=error`));
      },
    }).catch((error: unknown) => error);

    await Promise.all(refused);
    expect(failure).toBeInstanceOf(VerifyError);
    expect((failure as VerifyError).reason).toBe("authorization-failed");
    expect((failure as VerifyError).message).toContain("AUTH_ERROR");
    expect(callsOf(emulator, "POST", "/sync")).toEqual([]);
  });

  it("on 409 follows the sync already running and starts only the other data types", async () => {
    // The emulator (in this process) dates each request with Date.now(), and verify's waits move that clock
    // instead of waiting: the sync started below is surely still running when verify asks for its own,
    // however slow the machine, and ends 1.5 s later on that clock, not in real time.
    vi.useFakeTimers({ toFake: ["Date"] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const moveClock = (ms: number) => {
      vi.setSystemTime(Date.now() + ms);
      return Promise.resolve();
    };
    const slow = await startEmulatorUntilTestEnds({ apiKeys: [API_KEY], syncDelayMs: 1500 });
    const client = clientOf(slow);
    await enableProvider(client, "sandbox_commerce");
    const userId = await newUser(client);
    await client.createDataConnection(userId, {
      providerName: "sandbox_commerce",
      requestedDataTypes: COMMERCE_TYPES,
    });
    const running = await client.startSync(userId, ["COMMERCE_LOCATION", "COMMERCE_CUSTOMER"]);

    const { report } = await verify(client, {
      userId,
      providerName: "sandbox_commerce",
      pollIntervalMs: 100,
      sleep: moveClock,
    });

    expect(report.ok).toBe(true);
    expect([...report.sync.followed].sort()).toEqual(["COMMERCE_CUSTOMER", "COMMERCE_LOCATION"]);
    expect(report.sync.started).toEqual(["COMMERCE_PRODUCT", "COMMERCE_ORDER"]);
    expect(report.sync.statuses).toEqual(allSuccess);
    expect(callsOf(slow, "POST", "/sync").map((r) => r.status)).toEqual([201, 409, 201]);
    // The followed syncs are the ones started before verify, not new ones.
    const latest = await client.latestSyncs(userId);
    for (const sync of running) {
      expect(latest.find((s) => s.dataType === sync.dataType)?.id).toBe(sync.id);
    }
  });

  it("refuses a provider that is not enabled, naming `pulumi up`, and creates nothing", async () => {
    const client = clientOf(emulator);
    const userId = await newUser(client);
    emulator.control.clearRequests();

    const failure = await verify(client, { userId, providerName: "shopify" }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(VerifyError);
    expect((failure as VerifyError).reason).toBe("provider-disabled");
    expect((failure as VerifyError).message).toMatch(/"shopify" is not enabled.*`pulumi up`/s);
    expect(emulator.control.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /api/v6/providers",
    ]);
  });

  it("reuses the connection the user's last sync ran on: a second run creates no connection", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "company_legal_fr");
    const userId = await newUser(client);
    const first = await verify(client, { userId, providerName: "company_legal_fr" });
    expect(first.report.connection.reused).toBe(false);
    expect(first.report.created).toEqual([
      `data connection ${first.report.connection.id} (user ${userId}, company_legal_fr)`,
      `syncs of ${first.report.sync.started.join(", ")}`,
    ]);

    const second = await verify(client, { userId, providerName: "company_legal_fr" });

    expect(second.report).toMatchObject({
      ok: true,
      connection: { id: first.report.connection.id, reused: true },
    });
    expect(second.report.created).toEqual([`syncs of ${second.report.sync.started.join(", ")}`]);
    expect(second.events).toContainEqual({
      kind: "connection-reused",
      connectionId: first.report.connection.id,
      status: "CONNECTED",
    });
    expect(callsOf(emulator, "POST", "/data-connections")).toHaveLength(1);
  });

  it("reuses the connection given with connectionId, and refuses one of another provider", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "sandbox_commerce");
    await enableProvider(client, "company_legal_fr");
    const userId = await newUser(client);
    const made = await client.createDataConnection(userId, {
      providerName: "sandbox_commerce",
      requestedDataTypes: COMMERCE_TYPES,
    });

    const { report } = await verify(client, {
      userId,
      providerName: "sandbox_commerce",
      connectionId: made.id,
    });
    expect(report).toMatchObject({ ok: true, connection: { id: made.id, reused: true } });
    expect(callsOf(emulator, "POST", "/data-connections")).toHaveLength(1);

    const failure = await verify(client, {
      userId,
      providerName: "company_legal_fr",
      connectionId: made.id,
    }).catch((error: unknown) => error);
    expect((failure as VerifyError).reason).toBe("connection-unusable");
    expect((failure as VerifyError).message).toContain(`no data connection ${made.id} to "company_legal_fr"`);
  });

  it("says how to reuse a one-connection-per-user provider's connection that never synced", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "company_legal_fr");
    const userId = await newUser(client);
    const made = await client.createDataConnection(userId, {
      providerName: "company_legal_fr",
      requestedDataTypes: ["COMPANY_PROFILE"],
    });

    const failure = await verify(client, { userId, providerName: "company_legal_fr" }).catch(
      (error: unknown) => error,
    );

    expect((failure as VerifyError).reason).toBe("connection-exists");
    expect((failure as VerifyError).message).toContain("pass its id with --connection to reuse it");
    expect(made.id).not.toBe("");
  });

  it("names an unknown provider", async () => {
    const client = clientOf(emulator);
    const failure = await verify(client, { userId: await newUser(client), providerName: "shopifyy" }).catch(
      (error: unknown) => error,
    );
    expect((failure as VerifyError).reason).toBe("provider-unknown");
    expect((failure as VerifyError).message).toContain('"shopifyy"');
  });

  it("reports a data type whose sync ended FETCH_ERROR as a failure, and counts only what succeeded", async () => {
    const client = clientOf(emulator, { fetch: fetchFailingSyncOf("COMMERCE_ORDER") });
    await enableProvider(client, "sandbox_commerce");

    const { report } = await verify(client, {
      userId: await newUser(client),
      providerName: "sandbox_commerce",
    });

    expect(report.ok).toBe(false);
    expect(report.sync.statuses).toEqual({ ...allSuccess, COMMERCE_ORDER: "FETCH_ERROR" });
    expect(report.commerceCounts).toEqual({ locations: 2, customers: 5, products: 8 });
  });

  it("gives up on a sync that does not end within the timeout, naming the unfinished types", async () => {
    const slow = await startEmulatorUntilTestEnds({ apiKeys: [API_KEY], syncDelayMs: 60_000 });
    const client = clientOf(slow);
    await enableProvider(client, "sandbox_commerce");

    const failure = await verify(client, {
      userId: await newUser(client),
      providerName: "sandbox_commerce",
      timeoutMs: 100,
    }).catch((error: unknown) => error);

    expect((failure as VerifyError).reason).toBe("sync-timeout");
    expect((failure as VerifyError).message).toMatch(/COMMERCE_ORDER (QUEUED|FETCHING)/);
  });
});

describe("connectionStep", () => {
  it.each([
    ["CONNECTED", "ready"],
    ["AUTH_REQUIRED", "wait"],
    ["CONNECTING", "wait"],
    ["AUTH_ERROR", "failed"],
    ["DISCONNECTED", "failed"],
  ] as const)("a connection %s means %s", (status, step) => {
    expect(connectionStep(status)).toBe(step);
  });
});
