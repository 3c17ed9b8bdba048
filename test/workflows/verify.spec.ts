/**
 * `npm run verify` against the emulator: the orchestration (verifyIntegration) through each path a user
 * meets — connected at once, authorization, timeout, refusal, a sync already running, a disabled provider, a
 * sync that fails — then the command (runVerifyCli) for its output, exit codes and secrets, and the pure
 * parts (arguments, stack config, sync tracking).
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  QardClient,
  type FetchLike,
  type QardClientOptions,
  type SyncStatus,
} from "../../providers/src/qard/index.ts";
import { UnknownStackError } from "../../infra/automation/unknown-stack-error.ts";
import { parseVerifyArgs, UsageError } from "../../workflows/verify/args.ts";
import { EXIT_USAGE, runVerifyCli, type VerifyCliOptions } from "../../workflows/verify/run-verify-cli.ts";
import { connectionFromStackConfig, pulumiErrorLine } from "../../workflows/verify/stack-connection.ts";
import { connectionIdsFromSyncs } from "../../workflows/verify/existing-connection.ts";
import { trackedStatuses } from "../../workflows/verify/sync-tracking.ts";
import { VerifyError } from "../../workflows/verify/verify-error.ts";
import {
  connectionStep,
  verifyIntegration,
  type VerifyEvent,
  type VerifyOptions,
  type VerifyReport,
} from "../../workflows/verify/verify-integration.ts";
import type { RunningEmulator } from "../../emulator/server.ts";
import { startTestEmulator, startEmulatorForTest } from "../helpers/emulator.ts";

const API_KEY = "qk_verify_canary_5e1f0c93";
const COMMERCE_TYPES = ["COMMERCE_LOCATION", "COMMERCE_CUSTOMER", "COMMERCE_PRODUCT", "COMMERCE_ORDER"];
// The emulator's fixed commerce data set per user.
const COMMERCE_COUNTS = { locations: 2, customers: 5, products: 8, orders: 12 };
const SHOPIFY_CREDENTIALS = { client_id: "shop-client-id", client_secret: "shop-client-secret" };

const emulator = startTestEmulator({ apiKeys: [API_KEY], syncDelayMs: 50 });
afterEach(() => emulator.control.reset());

function clientOf(target: Pick<RunningEmulator, "baseUrl">, overrides: Partial<QardClientOptions> = {}) {
  return new QardClient({ baseUrl: target.baseUrl, apiKey: API_KEY, timeScale: 0.01, ...overrides });
}

/** The provider set up as `pulumi up` would: credentials first when it takes any, then enabled. */
async function enableProvider(client: QardClient, name: string): Promise<void> {
  if (name === "shopify") await client.putCredentials(name, SHOPIFY_CREDENTIALS);
  await client.setEnabled(name, true);
}

async function newUser(client: QardClient): Promise<string> {
  return (await client.createLegalUser({ name: "Verify SAS" })).id;
}

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

function callsOf(target: Pick<RunningEmulator, "control">, method: string, pathEnd: string) {
  return target.control.requests().filter((r) => r.method === method && r.path.endsWith(pathEnd));
}

const allSuccess = Object.fromEntries(COMMERCE_TYPES.map((type) => [type, "SUCCESS"]));

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
    // Slow syncs, so that the one started below is surely still running when verify asks for its own.
    const slow = await startEmulatorForTest({ apiKeys: [API_KEY], syncDelayMs: 1500 });
    const client = clientOf(slow);
    await enableProvider(client, "sandbox_commerce");
    const userId = await newUser(client);
    await client.createDataConnection(userId, {
      providerName: "sandbox_commerce",
      requestedDataTypes: COMMERCE_TYPES,
    });
    const running = await client.startSync(userId, ["COMMERCE_LOCATION", "COMMERCE_CUSTOMER"]);

    const { report } = await verify(client, { userId, providerName: "sandbox_commerce" });

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
      "GET /api/v6/providers/shopify",
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
    const slow = await startEmulatorForTest({ apiKeys: [API_KEY], syncDelayMs: 60_000 });
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

/**
 * The emulator's syncs always succeed; this fetch plays Qard reporting one type's sync as FETCH_ERROR once
 * it has ended, by rewriting the sync/latest answer on its way to the client.
 */
function fetchFailingSyncOf(dataType: string): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    if (!new URL(url).pathname.endsWith("/sync/latest")) return response;
    const syncs = (await response.json()) as Record<string, unknown>[];
    const rewritten = syncs.map((sync) =>
      sync.data_type === dataType && sync.status === "SUCCESS" ? { ...sync, status: "FETCH_ERROR" } : sync,
    );
    return new Response(JSON.stringify(rewritten), { status: response.status, headers: response.headers });
  };
}

describe("runVerifyCli", () => {
  /** Runs the command in-process; `onErr` sees each stderr text as it is written. */
  async function runCli(
    argv: string[],
    overrides: Partial<VerifyCliOptions> = {},
    onErr: (text: string) => void = () => undefined,
  ): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runVerifyCli({
      argv,
      env: {},
      out: (text) => out.push(text),
      err: (text) => {
        err.push(text);
        onErr(text);
      },
      readConnection: async () => ({ baseUrl: emulator.baseUrl, apiKey: API_KEY }),
      pollIntervalMs: 10,
      client: { timeScale: 0.01 },
      ...overrides,
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  it("exits 0 and prints progress, the commerce counts and an OK line", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "sandbox_commerce");
    const userId = await newUser(client);

    const result = await runCli(["--stack", "staging", "--user", userId, "--provider", "sandbox_commerce"]);

    expect(result.code).toBe(0);
    expect(result.out).toContain("Provider sandbox_commerce: enabled");
    expect(result.out).toMatch(/COMMERCE_ORDER\s+SUCCESS/);
    expect(result.out).toContain("Commerce data: 2 locations, 5 customers, 8 products, 12 orders");
    expect(result.out).toContain("OK: sandbox_commerce synchronized 4/4 data types");
    expect(result.err).toBe("");
  });

  it("reads the connection of the stack named by --stack", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "sandbox_commerce");
    const stacks: string[] = [];

    await runCli(["--stack", "prod", "--user", await newUser(client), "--provider", "sandbox_commerce"], {
      readConnection: async (stackName) => {
        stacks.push(stackName);
        return { baseUrl: emulator.baseUrl, apiKey: API_KEY };
      },
    });

    expect(stacks).toEqual(["prod"]);
  });

  it("with --json prints one JSON summary on stdout and the progress on stderr", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "shopify");
    const userId = await newUser(client);
    let authorized: Promise<Response> | undefined;

    const result = await runCli(["--stack", "staging", "--user", userId, "--json"], {}, (text) => {
      // Plays the user opening the link printed on stderr.
      const link = /http:\/\/\S+\/_emulator\/authorize\/\S+/.exec(text)?.[0];
      if (link !== undefined) authorized = fetch(link);
    });

    expect(result.code).toBe(0);
    const summary: unknown = JSON.parse(result.out);
    expect(summary).toMatchObject({
      ok: true,
      userId,
      providerName: "shopify",
      sync: { statuses: allSuccess },
      commerceCounts: COMMERCE_COUNTS,
    });
    expect((await authorized)?.status).toBe(200);
  });

  it("exits 1 and says FAILED when a data type's sync ends in an error status", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "sandbox_commerce");

    const result = await runCli(
      ["--stack", "staging", "--user", await newUser(client), "--provider", "sandbox_commerce"],
      { client: { timeScale: 0.01, fetch: fetchFailingSyncOf("COMMERCE_PRODUCT") } },
    );

    expect(result.code).toBe(1);
    expect(result.out).toContain("FAILED: COMMERCE_PRODUCT ended FETCH_ERROR (3/4 data types synchronized)");
  });

  it("exits 1 with the reason when the provider is not enabled; --json gives it too", async () => {
    const userId = await newUser(clientOf(emulator));

    const text = await runCli(["--stack", "staging", "--user", userId]);
    const json = await runCli(["--stack", "staging", "--user", userId, "--json"]);

    expect(text.code).toBe(1);
    expect(text.err).toMatch(/^error: Provider "shopify" is not enabled.*pulumi up/s);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({
      ok: false,
      providerName: "shopify",
      error: { reason: "provider-disabled" },
    });
  });

  it("exits 1 naming the stack when its connection cannot be read", async () => {
    const result = await runCli(["--stack", "stagign", "--user", "u1"], {
      readConnection: async () => {
        throw new Error("no stack named 'stagign' found");
      },
    });
    expect(result.code).toBe(1);
    expect(result.err).toContain(`cannot read the Qard connection of stack "stagign": no stack named`);
  });

  it("exits 64 (EXIT_USAGE) for a stack that does not exist, listing those that do", async () => {
    const result = await runCli(["--stack", "stagign", "--user", "u1"], {
      readConnection: async () => {
        throw new UnknownStackError("stagign", ["prod", "staging"], "create it");
      },
    });
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.err).toContain('No stack named "stagign" in this backend (existing stacks: prod, staging)');
  });

  it("exits 1 naming the user when Qard does not know it", async () => {
    await enableProvider(clientOf(emulator), "sandbox_commerce");
    const result = await runCli([
      "--stack",
      "staging",
      "--user",
      "no-such-user",
      "--provider",
      "sandbox_commerce",
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /users\/no-such-user\/sync\/latest failed with 404.*User no-such-user not found/,
    );
  });

  it("never prints the API key, even when Qard echoes it in an error", async () => {
    const client = clientOf(emulator);
    await enableProvider(client, "sandbox_commerce");
    // A Qard error answer quoting the key back.
    const echoing: FetchLike = async (url, init) =>
      new URL(url).pathname.endsWith("/sync")
        ? new Response(JSON.stringify({ error_message: `key ${API_KEY} may not sync` }), { status: 422 })
        : fetch(url, init);

    const result = await runCli(
      ["--stack", "staging", "--user", await newUser(client), "--provider", "sandbox_commerce", "--json"],
      { client: { timeScale: 0.01, fetch: echoing } },
    );

    expect(result.code).toBe(1);
    expect(result.err).toContain("may not sync");
    expect(`${result.out}\n${result.err}`).not.toContain(API_KEY);
  });

  it.each([
    [["--user", "u1"], "Missing --stack."],
    [["--stack", "staging"], "Missing --user."],
    [["--stack", "staging", "--user", "u1", "--usr", "u2"], "Unknown option '--usr'"],
    [["--stack", "staging", "--user", "u1", "--timeout-seconds", "soon"], "--timeout-seconds must be"],
    [["--stack", "staging", "--user", "u1", "extra"], "Unexpected argument 'extra'"],
  ])("exits 64 (EXIT_USAGE) with the usage for %j", async (argv, message) => {
    const result = await runCli(argv, {
      readConnection: () => Promise.reject(new Error("a usage error must stop before reading the stack")),
    });
    expect(result.code).toBe(EXIT_USAGE);
    expect(EXIT_USAGE).toBe(64);
    expect(result.err).toContain(message);
    expect(result.err).toContain("Usage: npm run verify -- --stack <name> --user <id>");
  });

  it("--help prints the usage and exits 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("--timeout-seconds");
  });
});

describe("parseVerifyArgs", () => {
  it("defaults to shopify, 600 s and text output", () => {
    expect(parseVerifyArgs(["--stack", "staging", "--user", "u1"])).toEqual({
      kind: "verify",
      args: { stackName: "staging", userId: "u1", providerName: "shopify", timeoutMs: 600_000, json: false },
    });
  });

  it("reads every option", () => {
    const argv = [
      "--stack=prod",
      "--user",
      "u1",
      "--provider",
      "paypal",
      "--timeout-seconds",
      "1.5",
      "--json",
    ];
    expect(parseVerifyArgs(argv)).toEqual({
      kind: "verify",
      args: { stackName: "prod", userId: "u1", providerName: "paypal", timeoutMs: 1500, json: true },
    });
  });

  it.each([["0"], ["-3"], [""], ["Infinity"]])("refuses --timeout-seconds %j", (value) => {
    expect(() => parseVerifyArgs(["--stack", "s", "--user", "u", "--timeout-seconds", value])).toThrow(
      UsageError,
    );
  });

  it("refuses an empty --user", () => {
    expect(() => parseVerifyArgs(["--stack", "s", "--user", " "])).toThrow("--user must not be empty");
  });
});

describe("connectionFromStackConfig", () => {
  const config = {
    "qard:apiUrl": { value: "https://qard.example" },
    "qard:apiKey": { value: "stack-key" },
  };

  it("uses the stack's apiUrl and apiKey, as the stack's provider does during pulumi up", async () => {
    await expect(connectionFromStackConfig(config, { QARD_API_KEY: "env-key" })).resolves.toEqual({
      baseUrl: "https://qard.example",
      apiKey: "stack-key",
    });
  });

  it("takes QARD_API_KEY when the stack has no key", async () => {
    await expect(
      connectionFromStackConfig({ "qard:apiUrl": config["qard:apiUrl"] }, { QARD_API_KEY: "env-key" }),
    ).resolves.toEqual({ baseUrl: "https://qard.example", apiKey: "env-key" });
  });

  it("says how to give a key when there is none", async () => {
    await expect(connectionFromStackConfig({}, {})).rejects.toThrow(/qard:apiKey.*QARD_API_KEY/);
  });
});

describe("sync tracking and connection steps", () => {
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

describe("pulumiErrorLine", () => {
  it("keeps the CLI's error line of an Automation API failure", () => {
    const message =
      "code: -2\n stdout: \n stderr: Command failed with exit code 6: pulumi stack select --stack nope\n" +
      "error: no stack named 'nope' found\n err?: Error: Command failed\nerror: no stack named 'nope' found\n";
    expect(pulumiErrorLine(message)).toBe("no stack named 'nope' found");
  });

  it("keeps a message without one whole", () => {
    expect(pulumiErrorLine("spawn pulumi ENOENT")).toBe("spawn pulumi ENOENT");
  });
});

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
