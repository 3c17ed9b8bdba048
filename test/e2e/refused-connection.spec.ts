/**
 * What a stack does when its connection settings do not work, through the engine: with the plain CLI on
 * this repo's program, and with `npm run stack`. A preview with a key Qard refuses or a URL that cannot be
 * reached fails, naming the setting (a green pull-request check would otherwise hide a failing merge); a
 * preview with no key at all still only warns. A destroy or refresh whose recorded URL is a wrong base path
 * fails and keeps the resource, instead of reading every 404 as "already gone".
 */
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { accountFingerprint } from "@qard-iac/pulumi-qard/internal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/server.ts";
import { projectRoot } from "../../infra/project-root.ts";
import { apiWrites } from "../helpers/api-calls.ts";
import { call } from "../helpers/emulator.ts";
import { freePort } from "../helpers/free-port.ts";
import { cliOrSkipReason, findOfficialCli, runPulumi } from "../helpers/official-cli.ts";
import { createTestBackend, type TestBackend } from "../helpers/pulumi-backend.ts";
import { runScript } from "../helpers/run-script.ts";

const API_KEY = "refused-e2e-api-key-51c2";
const { cli, skipReason } = cliOrSkipReason(findOfficialCli());

interface Run {
  code: number | null;
  output: string;
}

describe.skipIf(cli === undefined)(`a stack whose Qard key or URL does not work ${skipReason}`, () => {
  const stackName = `e2e-refused-${randomBytes(3).toString("hex")}`;
  const stackFile = path.join(projectRoot(), `Pulumi.${stackName}.yaml`);
  let backend: TestBackend;
  let emulator: RunningEmulator;

  /** The plain CLI in the project folder, without any QARD_* variable of the test process. */
  async function pulumi(...args: string[]): Promise<Run> {
    const baseEnv = { ...process.env };
    delete baseEnv.QARD_API_KEY;
    delete baseEnv.QARD_API_URL;
    const result = await runPulumi(cli!, [...args, "--stack", stackName], {
      cwd: projectRoot(),
      baseEnv,
      env: backend.env,
    });
    return { code: result.code, output: result.stdout + result.stderr };
  }

  async function ok(...args: string[]): Promise<Run> {
    const result = await pulumi(...args);
    expect(result.code, `pulumi ${args.join(" ")}: ${result.output}`).toBe(0);
    return result;
  }

  /** `npm run stack -- <args> --stack <name>`. */
  async function stackCommand(...args: string[]): Promise<Run> {
    const result = await runScript("workflows/stack/main.ts", [...args, "--stack", stackName], {
      ...backend.env,
      QARD_API_KEY: "",
    });
    return { code: result.code, output: result.output };
  }

  async function registryEnabled(): Promise<unknown> {
    const answer = await call(emulator, "GET", "/api/v6/providers/company_legal_fr", { apiKey: API_KEY });
    return (answer.json as { enabled?: unknown }).enabled;
  }

  beforeAll(async () => {
    backend = await createTestBackend();
    emulator = await startEmulator({ apiKeys: [API_KEY] });
    await ok("stack", "init");
    await ok("config", "set", "qard:apiUrl", emulator.baseUrl);
    await ok("config", "set", "--secret", "qard:apiKey", API_KEY);
    await ok("config", "set", "--path", "qard:providers.company_legal_fr.enabled", "true");
  });

  afterAll(async () => {
    try {
      await pulumi("stack", "rm", "--yes", "--force");
    } finally {
      await rm(stackFile, { force: true });
      await emulator?.close();
      await backend?.remove();
    }
  });

  it("a key Qard refuses fails the preview, naming qard:apiKey, with the CLI and with npm run stack", async () => {
    await ok("config", "set", "--secret", "qard:apiKey", "a-key-qard-refuses");
    try {
      for (const preview of [await pulumi("preview"), await stackCommand("preview")]) {
        expect(preview.code, preview.output).not.toBe(0);
        expect(preview.output).toMatch(/refused the API key from qard:apiKey/);
        expect(preview.output).not.toContain("a-key-qard-refuses");
      }
    } finally {
      await ok("config", "set", "--secret", "qard:apiKey", API_KEY);
    }
  });

  it("a URL that refuses connections fails the preview, naming qard:apiUrl, with the CLI and with npm run stack", async () => {
    await ok("config", "set", "qard:apiUrl", `http://127.0.0.1:${await freePort()}`);
    try {
      for (const preview of [await pulumi("preview"), await stackCommand("preview")]) {
        expect(preview.code, preview.output).not.toBe(0);
        expect(preview.output).toMatch(
          /cannot reach Qard at http:\/\/127\.0\.0\.1:\d+ \(qard:apiUrl\): .*connection refused/,
        );
      }
    } finally {
      await ok("config", "set", "qard:apiUrl", emulator.baseUrl);
    }
  });

  it("no key at all (a pull-request preview) only skips the lookup, with a warning", async () => {
    await ok("config", "rm", "qard:apiKey");
    try {
      for (const preview of [await pulumi("preview"), await stackCommand("preview")]) {
        expect(preview.code, preview.output).toBe(0);
        expect(preview.output).toMatch(/warning: .*could not check whether it is already configured in Qard/);
      }
    } finally {
      await ok("config", "set", "--secret", "qard:apiKey", API_KEY);
    }
  });

  it("destroy and refresh with a wrong base path in state fail and keep the resource; Qard keeps it enabled", async () => {
    await ok("up", "--yes");
    expect(await registryEnabled()).toBe(true);
    // Another URL is another Qard account to the fingerprint the stack recorded: the up is refused at
    // preview, before any write, and says how to confirm the move.
    const wrongUrl = `${emulator.baseUrl}/not-qard`;
    await ok("config", "set", "qard:apiUrl", wrongUrl);
    emulator.control.clearRequests();
    const refusedUp = await pulumi("up", "--yes");
    expect(refusedUp.code, refusedUp.output).not.toBe(0);
    expect(refusedUp.output).toContain("the key from qard:apiKey now points at another Qard account");
    expect(apiWrites(emulator.control)).toEqual([]);
    const confirm = /pulumi config set qard:fingerprint ([0-9a-f]{16})/.exec(refusedUp.output)?.[1];
    expect(confirm).toBe(accountFingerprint(wrongUrl, API_KEY));
    await ok("config", "set", "qard:fingerprint", confirm!);
    // Confirmed, an `up` with nothing to change records the new URL as the provider's configuration in
    // state: the next destroy and refresh use it.
    await ok("up", "--yes");

    const destroy = await pulumi("destroy", "--yes");
    expect(destroy.code, destroy.output).not.toBe(0);
    expect(destroy.output).toMatch(/company_legal_fr.*could not disable it: .*404.*it stays in the stack/s);
    expect(destroy.output).toMatch(/qard:apiUrl \(http:\/\/127\.0\.0\.1:\d+\/not-qard\)/);
    expect(destroy.output).not.toMatch(/deleted/);

    const refresh = await pulumi("refresh", "--yes");
    expect(refresh.code, refresh.output).not.toBe(0);
    expect(refresh.output).toMatch(/qard:apiUrl .* does not point at the Qard API/);
    // The dynamic-provider host prints a failed read or delete with the error's stack: ours has no frames.
    for (const output of [destroy.output, refresh.output]) expect(output).not.toMatch(/\n\s+at /);

    const state = await ok("stack", "export");
    expect(state.output).toMatch(/qard:ProviderConfig::company_legal_fr/);
    expect(await registryEnabled()).toBe(true);

    // Back on the right URL (confirmed the same way), the destroy goes through and disables the provider.
    await ok("config", "set", "qard:apiUrl", emulator.baseUrl);
    await ok("config", "set", "qard:fingerprint", accountFingerprint(emulator.baseUrl, API_KEY));
    await ok("up", "--yes");
    await ok("destroy", "--yes");
    expect(await registryEnabled()).toBe(false);
    await ok("config", "rm", "qard:fingerprint");
  });
});
