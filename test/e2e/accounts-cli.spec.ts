import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/server.ts";
import { projectRoot } from "../../infra/project-root.ts";
import { apiCalls, apiWrites } from "../helpers/api-calls.ts";
import { call } from "../helpers/emulator.ts";
import { createTestBackend, type TestBackend } from "../helpers/pulumi-backend.ts";
import { cliOrSkipReason, findOfficialCli, runPulumi } from "../helpers/official-cli.ts";
import { runCommand } from "../helpers/run-script.ts";

// Two Qard accounts in one stack, with two independent emulators as their servers, through the plain
// `pulumi` CLI on this repo's program. Each emulator accepts only its own account's key, and answers 401
// (logged) to any other: an empty list of 401s in both logs means no key reached the other account's URL.
const { cli, skipReason } = cliOrSkipReason(findOfficialCli());

const EU_KEY = "eu-account-key-5c1e";
const US_KEY = "us-account-key-a94d";

describe.skipIf(cli === undefined)(`two accounts on two servers, plain CLI ${skipReason}`, () => {
  const stackName = `e2e-accounts-${randomBytes(3).toString("hex")}`;
  const stackFile = path.join(projectRoot(), `Pulumi.${stackName}.yaml`);
  const printed: string[] = [];
  let backend: TestBackend;
  let eu: RunningEmulator;
  let us: RunningEmulator;

  async function pulumi(...args: string[]): Promise<{ code: number | null; output: string }> {
    const { code, stdout, stderr } = await runPulumi(cli!, [...args, "--stack", stackName], {
      cwd: projectRoot(),
      // A job-wide key for another account must not reach any named account.
      env: { ...backend.env, QARD_API_KEY: US_KEY, QARD_API_URL: "http://127.0.0.1:9" },
    });
    printed.push(stdout + stderr);
    return { code, output: stdout + stderr };
  }

  async function ok(...args: string[]): Promise<string> {
    const result = await pulumi(...args);
    expect(result.code, `pulumi ${args.join(" ")}: ${result.output}`).toBe(0);
    return result.output;
  }

  const refusedKeys = (server: RunningEmulator) =>
    server.control.requests().filter((request) => request.status === 401);

  function clearLogs(): void {
    eu.control.clearRequests();
    us.control.clearRequests();
  }

  beforeAll(async () => {
    backend = await createTestBackend();
    eu = await startEmulator({ apiKeys: [EU_KEY] });
    us = await startEmulator({ apiKeys: [US_KEY] });
    const init = await runPulumi(cli!, ["stack", "init", stackName], {
      cwd: projectRoot(),
      env: backend.env,
    });
    expect(init.code, init.stderr).toBe(0);
  });

  afterAll(async () => {
    try {
      await runPulumi(cli!, ["stack", "rm", "--yes", "--force", "--stack", stackName], {
        cwd: projectRoot(),
        env: backend.env,
      });
    } finally {
      await rm(stackFile, { force: true });
      await eu?.close();
      await us?.close();
      await backend?.remove();
    }
  });

  it("config set describes both accounts; the keys are encrypted in the stack file", async () => {
    for (const command of [
      ["config", "set", "--path", "qard:accounts.eu.apiUrl", eu.baseUrl],
      ["config", "set", "--secret", "--path", "qard:accounts.eu.apiKey", EU_KEY],
      ["config", "set", "--path", "qard:accounts.us.apiUrl", us.baseUrl],
      ["config", "set", "--secret", "--path", "qard:accounts.us.apiKey", US_KEY],
      // One provider in both accounts (the nested form), one through `account` on qard:providers.
      ["config", "set", "--path", "qard:accounts.eu.providers.company_legal_fr.enabled", "true"],
      ["config", "set", "--path", "qard:accounts.us.providers.company_legal_fr.enabled", "true"],
      ["config", "set", "--path", "qard:providers.prestashop.account", "eu"],
    ]) {
      await ok(...command);
    }
    const file = await readFile(stackFile, "utf8");
    expect(file).not.toContain(EU_KEY);
    expect(file).not.toContain(US_KEY);
  });

  it("up configures both accounts, each through its own URL with its own key only", async () => {
    clearLogs();
    const up = await ok("up", "--yes");
    expect(up).toMatch(/eu\/company_legal_fr\s+created/);
    expect(up).toMatch(/us\/company_legal_fr\s+created/);
    expect(up).toMatch(/eu\/prestashop\s+created/);
    expect(refusedKeys(eu)).toEqual([]);
    expect(refusedKeys(us)).toEqual([]);
    expect(apiWrites(eu.control).sort()).toEqual([
      "PUT /api/v6/providers/company_legal_fr",
      "PUT /api/v6/providers/prestashop",
    ]);
    expect(apiWrites(us.control)).toEqual(["PUT /api/v6/providers/company_legal_fr"]);
  });

  it("drift on one account is reported under its name, and the other account is clean", async () => {
    const patched = await call(eu, "PATCH", "/_emulator/providers/company_legal_fr", {
      body: { enabled: false },
    });
    expect(patched.status).toBe(200);
    clearLogs();
    const check = await pulumi("preview", "--refresh", "--expect-no-changes", "--diff");
    expect(check.code).not.toBe(0);
    expect(check.output).toMatch(/eu\/company_legal_fr/);
    expect(check.output).not.toMatch(/~ .*us\/company_legal_fr/);
    expect(apiWrites(eu.control)).toEqual([]);
    expect(apiWrites(us.control)).toEqual([]);
    expect(refusedKeys(eu)).toEqual([]);
    expect(refusedKeys(us)).toEqual([]);
    // The project's drift command reports it under the account's name.
    const drift = await runCommand(
      "bash",
      ["scripts/with-tools.sh", "node", "workflows/drift/main.ts", "--stack", stackName, "--no-policy"],
      { cwd: projectRoot(), env: { ...process.env, ...backend.env } },
    );
    printed.push(drift.stdout + drift.stderr);
    expect(drift.code, drift.stdout + drift.stderr).toBe(10);
    expect(drift.stdout).toContain(
      "  Account eu:\n    drift    eu/company_legal_fr  enabled: true → false (state → Qard)",
    );
    expect(drift.stdout).not.toContain("Account us:");
    await ok("up", "--refresh", "--yes");
  });

  it("a key swapped to the other account is refused at preview, before any write to either", async () => {
    await ok("config", "set", "--path", "qard:accounts.eu.apiUrl", us.baseUrl);
    await ok("config", "set", "--secret", "--path", "qard:accounts.eu.apiKey", US_KEY);
    clearLogs();
    const up = await pulumi("up", "--yes");
    expect(up.code).not.toBe(0);
    expect(up.output).toContain(
      'Qard account "eu": the key from qard:accounts.eu.apiKey now points at another Qard account',
    );
    expect(apiWrites(eu.control)).toEqual([]);
    expect(apiWrites(us.control)).toEqual([]);
    // Put the right account back: the stack is usable again.
    await ok("config", "set", "--path", "qard:accounts.eu.apiUrl", eu.baseUrl);
    await ok("config", "set", "--secret", "--path", "qard:accounts.eu.apiKey", EU_KEY);
    clearLogs();
    await ok("preview", "--refresh", "--expect-no-changes");
    expect(apiCalls(eu.control)).toEqual(["GET /api/v6/providers"]);
  });

  it("npm run import --account reads that account only and declares its providers under it", async () => {
    clearLogs();
    const imported = await runCommand(
      "bash",
      [
        "scripts/with-tools.sh",
        "node",
        "workflows/import/main.ts",
        "--stack",
        stackName,
        "--account",
        "us",
        "--without-credentials",
        // company_legal_fr is declared already, without Qard's auto_connect: settled, not refused.
        "--merge",
        "--dry-run",
        "--json",
      ],
      { cwd: projectRoot(), env: { ...process.env, ...backend.env } },
    );
    printed.push(imported.stdout + imported.stderr);
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { yaml: string; refusals: unknown[] };
    expect(report.refusals).toEqual([]);
    expect(report.yaml).toMatch(
      /qard:accounts:[\s\S]*\n {4}us:[\s\S]*\n {6}providers:[\s\S]*company_legal_fr:/,
    );
    expect(apiCalls(us.control)).toEqual(["GET /api/v6/providers"]);
    expect(eu.control.requests()).toEqual([]);
  });

  /**
   * A second stack of the same backend, configured by `pulumi config set` (each command without its
   * --stack), whose Qard account is eu: what `npm run stack -- preview` prints for it, and that it makes no
   * call. The stack is removed afterwards. `passphrase` gives it its own, as prod and staging keep apart.
   */
  async function previewOfClaimingStack(
    suffix: string,
    config: string[][],
    passphrase?: string,
  ): Promise<string> {
    const other = `${stackName}-${suffix}`;
    const env = { ...backend.env, ...(passphrase ? { PULUMI_CONFIG_PASSPHRASE: passphrase } : {}) };
    const cliEnv = { cwd: projectRoot(), env };
    try {
      expect((await runPulumi(cli!, ["stack", "init", other], cliEnv)).code).toBe(0);
      for (const command of config) {
        const result = await runPulumi(cli!, [...command, "--stack", other], cliEnv);
        expect(result.code, result.stderr).toBe(0);
      }
      clearLogs();
      const preview = await runCommand(
        "bash",
        [
          "scripts/with-tools.sh",
          "node",
          "workflows/stack/main.ts",
          "preview",
          "--stack",
          other,
          "--no-policy",
        ],
        { cwd: projectRoot(), env: { ...process.env, ...env } },
      );
      printed.push(preview.stdout + preview.stderr);
      expect(preview.code).toBe(1);
      expect(eu.control.requests()).toEqual([]);
      return preview.stderr;
    } finally {
      await runPulumi(cli!, ["stack", "rm", "--yes", "--force", "--stack", other], cliEnv);
      await rm(path.join(projectRoot(), `Pulumi.${other}.yaml`), { force: true });
    }
  }

  it("npm run stack refuses a second stack that claims an account the first one manages", async () => {
    const refusal = await previewOfClaimingStack("b", [
      ["config", "set", "--path", "qard:accounts.main.apiUrl", eu.baseUrl],
      ["config", "set", "--secret", "--path", "qard:accounts.main.apiKey", EU_KEY],
      ["config", "set", "--path", "qard:accounts.main.providers.woocommerce.enabled", "true"],
    ]);
    expect(refusal).toContain(
      `qard:accounts.main of stack ${stackName}-b is the Qard account that stack ${stackName} manages as "eu"`,
    );
  });

  it("npm run stack refuses a one-account stack on an account the first one manages, though it cannot decrypt that stack's state", async () => {
    // Its own passphrase: the first stack's state is read as stored (its secrets stay ciphertext).
    const refusal = await previewOfClaimingStack(
      "c",
      [
        ["config", "set", "qard:apiUrl", eu.baseUrl],
        ["config", "set", "--secret", "qard:apiKey", EU_KEY],
        ["config", "set", "--path", "qard:providers.woocommerce.enabled", "true"],
      ],
      "another-stack-passphrase",
    );
    expect(refusal).toContain(
      `the Qard account of qard:apiUrl and its key of stack ${stackName}-c is the Qard account that stack ${stackName} manages as "eu"`,
    );
  });

  it("neither key is in the state or in anything the CLI printed", async () => {
    const state = await readFile(
      path.join(backend.dir, ".pulumi", "stacks", "qard-iac", `${stackName}.json`),
      "utf8",
    );
    expect(state).toContain('"account":"eu"');
    for (const text of [state, ...printed]) {
      expect(text).not.toContain(EU_KEY);
      expect(text).not.toContain(US_KEY);
    }
  });
});
