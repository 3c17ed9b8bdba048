/**
 * `npm run promote` between two stacks with `qard:accounts` (issue 18): accounts are mapped explicitly with
 * --map, an unmapped account of the source is refused by name before anything reads Qard, and a mapped
 * account's settings land under the target's account in its stack file. Each account has its own emulator.
 */
import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import type { Stack } from "@pulumi/pulumi/automation/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/server.ts";
import { openStack, setStackConfig } from "../../workflows/stacks/stack.ts";
import { readStackAccounts, stackFilePath } from "../../workflows/stacks/stack-file.ts";
import { apiWrites } from "../helpers/api-calls.ts";
import { createTestBackend, type TestBackend } from "../helpers/pulumi-backend.ts";
import { runScript } from "../helpers/run-script.ts";

const STAGING_KEY = "promote-staging-eu-key-7d21";
const PROD_KEY = "promote-prod-eu-key-c93a";
const suffix = randomBytes(3).toString("hex");
const stagingName = `e2e-promo-acc-staging-${suffix}`;
const prodName = `e2e-promo-acc-prod-${suffix}`;

let backend: TestBackend;
let stagingEu: RunningEmulator;
let prodEu: RunningEmulator;
let staging: Stack;

const promote = (...args: string[]) =>
  runScript(
    "workflows/promote/main.ts",
    ["--from", stagingName, "--to", prodName, "--no-policy", ...args],
    backend.env,
  );

async function accountStack(
  name: string,
  account: string,
  emulator: RunningEmulator,
  key: string,
  autoConnect: boolean,
): Promise<Stack> {
  const stack = await openStack({ stackName: name, env: backend.env, create: true });
  await setStackConfig(
    stack,
    {
      "qard:accounts": {
        [account]: {
          apiUrl: emulator.baseUrl,
          providers: { company_legal_fr: { enabled: true, autoConnect } },
        },
      },
    },
    { [`qard:accounts.${account}.apiKey`]: key },
  );
  return stack;
}

beforeAll(async () => {
  backend = await createTestBackend();
  stagingEu = await startEmulator({ apiKeys: [STAGING_KEY] });
  prodEu = await startEmulator({ apiKeys: [PROD_KEY] });
  staging = await accountStack(stagingName, "staging-eu", stagingEu, STAGING_KEY, true);
  await accountStack(prodName, "prod-eu", prodEu, PROD_KEY, false);
  await staging.up();
});

afterAll(async () => {
  try {
    for (const name of [stagingName, prodName]) {
      await staging?.workspace.removeStack(name, { force: true }).catch(() => undefined);
      await rm(stackFilePath(name), { force: true });
    }
  } finally {
    await stagingEu?.close();
    await prodEu?.close();
    await backend?.remove();
  }
});

describe("npm run promote between stacks with qard:accounts", () => {
  it("refuses an unmapped account of the source, naming it, before reading Qard or writing", async () => {
    const before = await readFile(stackFilePath(prodName), "utf8");
    stagingEu.control.clearRequests();
    prodEu.control.clearRequests();
    const result = await promote();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `account "staging-eu" of ${stagingName} is not mapped: add --map staging-eu=<account of ${prodName}> (${prodName}'s accounts: prod-eu)`,
    );
    expect(await readFile(stackFilePath(prodName), "utf8")).toBe(before);
    expect(stagingEu.control.requests()).toEqual([]);
    expect(prodEu.control.requests()).toEqual([]);
  });

  it("with --map staging-eu=prod-eu, writes staging-eu's settings under prod-eu and changes no Qard", async () => {
    prodEu.control.clearRequests();
    const result = await promote("--map", "staging-eu=prod-eu");
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain("prod-eu/company_legal_fr  settings.auto_connect: false → true");
    expect(result.stdout).toContain(`Wrote Pulumi.${prodName}.yaml`);
    const accounts = await readStackAccounts(prodName);
    expect(accounts["prod-eu"]?.providers).toEqual({
      company_legal_fr: { enabled: true, autoConnect: true },
    });
    // The key stays encrypted in the rewritten file, and nothing was written to prod's Qard account.
    const file = await readFile(stackFilePath(prodName), "utf8");
    expect(file).toMatch(/apiKey:\s*\n?\s*secure:/);
    expect(result.output).not.toContain(PROD_KEY);
    expect(result.output).not.toContain(STAGING_KEY);
    expect(apiWrites(prodEu.control)).toEqual([]);
  });
});
