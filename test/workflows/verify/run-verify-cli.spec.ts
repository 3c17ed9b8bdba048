/** runVerifyCli in-process against the emulator: its output, exit codes and secrets. */
import { afterEach, describe, expect, it } from "vitest";
import type { FetchLike } from "../../../providers/src/qard/index.ts";
import { UnknownStackError } from "../../../workflows/stacks/unknown-stack-error.ts";
import { EXIT_USAGE } from "../../../cli/usage-error.ts";
import { runVerifyCli, type VerifyCliOptions } from "../../../workflows/verify/run-verify-cli.ts";
import { startTestEmulator } from "../../helpers/emulator.ts";
import {
  allSuccess,
  API_KEY,
  clientOf,
  COMMERCE_COUNTS,
  enableProvider,
  fetchFailingSyncOf,
  newUser,
} from "./verify-fixtures.ts";

const emulator = startTestEmulator({ apiKeys: [API_KEY], syncDelayMs: 50 });
afterEach(() => emulator.control.reset());

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
