/**
 * `node workflows/verify/main.ts` as a user runs it: a separate process that finds Qard's URL and the
 * secret API key in a real stack's config (through the Pulumi CLI, on a throwaway backend), then drives the
 * emulator. The provider is configured in the emulator directly: verify needs no `pulumi up`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { projectRoot } from "../../infra/project-root.ts";
import { QardClient } from "../../providers/src/qard/index.ts";
import { readStackConnection } from "../../workflows/stacks/stack-connection.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { runCommand } from "../helpers/run-script.ts";

const API_KEY = "e2e-verify-api-key-3c9d";
let e2e: E2eStack;
let client: QardClient;

beforeAll(async () => {
  e2e = await createE2eStack({
    name: "verify",
    apiKey: API_KEY,
    config: () => ({}),
    emulator: { syncDelayMs: 50 },
  });
  client = new QardClient({ baseUrl: e2e.emulator.baseUrl, apiKey: API_KEY });
  await client.setEnabled("sandbox_commerce", true);
});

afterAll(async () => {
  await e2e?.dispose();
});

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs verify in its own process with the stack's backend and passphrase, as a pipeline would. */
function runVerify(args: string[]): Promise<Outcome> {
  // The key must come from the stack config, not from the test runner's environment.
  const { QARD_API_KEY: _ignored, ...env } = process.env;
  return runCommand(process.execPath, ["workflows/verify/main.ts", ...args], {
    cwd: projectRoot(),
    env: { ...env, ...e2e.backend.env },
  });
}

describe("npm run verify (node workflows/verify/main.ts)", () => {
  it("exits 0 and prints the commerce counts, with the connection read from the stack", async () => {
    const { id: userId } = await client.createLegalUser({ name: "Verify CLI SAS" });

    const result = await runVerify([
      "--stack",
      e2e.stackName,
      "--user",
      userId,
      "--provider",
      "sandbox_commerce",
    ]);

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Commerce data: 2 locations, 5 customers, 8 products, 12 orders");
    expect(result.stdout).toContain("OK: sandbox_commerce synchronized 4/4 data types");
    expect(result.stdout).not.toContain(API_KEY);
  });

  it("exits 64 (usage error) with the usage when --user is missing", async () => {
    const result = await runVerify(["--stack", e2e.stackName]);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("Missing --user.");
    expect(result.stderr).toContain("Usage: npm run verify");
  });

  it("exits 1 naming `pulumi up` when the provider is not enabled", async () => {
    const { id: userId } = await client.createLegalUser({ name: "Verify CLI SAS" });
    const result = await runVerify(["--stack", e2e.stackName, "--user", userId, "--provider", "shopify"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Provider "shopify" is not enabled.*pulumi up/s);
  });

  it("exits 64 (usage error) for a stack that does not exist, lists those that do, and creates none", async () => {
    const missing = `${e2e.stackName}-missing`;
    const result = await runVerify(["--stack", missing, "--user", "u1"]);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(`No stack named "${missing}" in this backend (existing stacks: `);
    expect(result.stderr).toContain(e2e.stackName);
    const stacks = await e2e.stack.workspace.listStacks();
    expect(stacks.map((stack) => stack.name)).not.toContain(missing);
  });

  it("reads the connection from one listing of the stack's config, decrypting the API key alone", async () => {
    const getConfig = vi.spyOn(LocalWorkspace.prototype, "getConfig");
    try {
      const connection = await readStackConnection(e2e.stackName, e2e.backend.env);
      expect(connection).toEqual({ baseUrl: e2e.emulator.baseUrl, apiKey: API_KEY });
      // qard:apiUrl came from the listing; the secret key is the one value decrypted.
      expect(getConfig.mock.calls.map(([, key]) => key)).toEqual(["qard:apiKey"]);
    } finally {
      getConfig.mockRestore();
    }
  });
});
