/**
 * Secrets stored in plaintext and config errors, through the engine: refused before any call to Qard,
 * naming the key and the `pulumi config set --secret` fix. The last test runs the plain Pulumi CLI, to see
 * what a user sees: the message alone, no stack trace, no Node warning.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/project-root.ts";
import { toolEnvironment, toolsBinDir } from "../../workflows/stacks/pulumi-command.ts";
import { setStackConfig } from "../../workflows/stacks/stack.ts";
import { apiCalls } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";

const API_KEY = "e2e-plaintext-key-2291";
let e2e: E2eStack;

beforeAll(async () => {
  e2e = await createE2eStack({
    name: "plain",
    apiKey: API_KEY,
    config: () => ({ "qard:providers": { company_legal_fr: { enabled: true } } }),
  });
});

afterAll(async () => {
  await e2e?.dispose();
});

async function upError(): Promise<string> {
  e2e.emulator.control.clearRequests();
  const error = (await e2e.stack.up({ ...e2e.record }).catch((e: unknown) => e)) as Error;
  expect(error).toBeInstanceOf(Error);
  return error.message;
}

describe("3. plaintext secrets are refused before any write", () => {
  it("a credential value set without --secret", async () => {
    await setStackConfig(e2e.stack, {
      "qard:providers": { shopify: { credentials: { client_id: "id", client_secret: "plain-canary-4410" } } },
    });
    const message = await upError();
    expect(message).toContain(
      `qard:providers.shopify.credentials.client_secret is stored in plaintext: set it again with \`pulumi config set --secret --path 'qard:providers.shopify.credentials.client_secret' <value> --stack ${e2e.stackName}\``,
    );
    expect(apiCalls(e2e.emulator.control)).toEqual([]);
  });

  it("with --path, a plaintext credential beside a secure one (the engine marks the whole key secret)", async () => {
    await setStackConfig(
      e2e.stack,
      { "qard:providers": { shopify: { enabled: true } } },
      { "qard:providers.shopify.credentials.client_secret": "secure-canary-1" },
    );
    await e2e.stack.setConfig(
      "qard:providers.shopify.credentials.client_id",
      { value: "plain-id-canary", secret: false },
      true,
    );
    const message = await upError();
    expect(message).toContain("qard:providers.shopify.credentials.client_id is stored in plaintext");
    expect(message).not.toContain("client_secret is stored in plaintext");
    expect(apiCalls(e2e.emulator.control)).toEqual([]);
  });

  it("qard:apiKey set without --secret", async () => {
    await setStackConfig(e2e.stack, { "qard:providers": { company_legal_fr: { enabled: true } } });
    await e2e.stack.setConfig("qard:apiKey", { value: API_KEY, secret: false });
    try {
      const message = await upError();
      expect(message).toContain(
        `qard:apiKey is stored in plaintext: set it again with \`pulumi config set --secret qard:apiKey <key> --stack ${e2e.stackName}\``,
      );
      expect(apiCalls(e2e.emulator.control)).toEqual([]);
    } finally {
      await e2e.stack.setConfig("qard:apiKey", { value: API_KEY, secret: true });
    }
  });
});

describe("through the plain CLI, a config error is the message alone", () => {
  /** The official CLI with the language host beside it, or a skip (a failure in CI) naming what is missing. */
  function cliOrSkip(context: { skip: (note: string) => void }): string {
    const cli = path.join(toolsBinDir(), "pulumi");
    const host = path.join(toolsBinDir(), "pulumi-language-nodejs");
    const missing = [cli, host].filter((file) => !existsSync(file));
    if (missing.length > 0) {
      const why = `needs ${missing.join(" and ")} (npm run setup)`;
      if (process.env.CI) throw new Error(`The CLI test cannot run in CI: it ${why}`);
      context.skip(why);
    }
    return cli;
  }

  async function preview(cli: string): Promise<{ code: number | null; output: string }> {
    e2e.emulator.control.clearRequests();
    const result = await runCli(cli, ["preview", "--stack", e2e.stackName, "--non-interactive"], {
      ...e2e.backend.env,
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    });
    expect(result.code).not.toBe(0);
    expect(result.output).not.toMatch(/^\s+at /m);
    expect(result.output).not.toMatch(/\(node:\d+\)|Warning:|unhandled exception/);
    expect(apiCalls(e2e.emulator.control)).toEqual([]);
    return result;
  }

  it("11. no stack trace and no Node warning under an empty qard:providers", async (context) => {
    const cli = cliOrSkip(context);
    await setStackConfig(e2e.stack, { "qard:providers": {} });
    const { output } = await preview(cli);
    expect(output).toContain(
      `error: Stack "${e2e.stackName}" has invalid Qard configuration:\n      - qard:providers is empty: \`pulumi up\` would disable every provider this stack manages.`,
    );
  });

  it("3. a plaintext credential beside a secure one, set with --path", async (context) => {
    const cli = cliOrSkip(context);
    await setStackConfig(
      e2e.stack,
      { "qard:providers": { shopify: { enabled: true } } },
      { "qard:providers.shopify.credentials.client_secret": "secure-canary-cli-2" },
    );
    await e2e.stack.setConfig(
      "qard:providers.shopify.credentials.client_id",
      { value: "plain-id-canary-cli", secret: false },
      true,
    );
    const { output } = await preview(cli);
    expect(output).toContain(
      `- qard:providers.shopify.credentials.client_id is stored in plaintext: set it again with \`pulumi config set --secret --path 'qard:providers.shopify.credentials.client_id' <value> --stack ${e2e.stackName}\``,
    );
    expect(output).not.toContain("secure-canary-cli-2");
  });
});

function runCli(
  cli: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, args, {
      cwd: projectRoot(),
      env: { ...process.env, ...toolEnvironment(), ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
