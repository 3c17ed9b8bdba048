import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCalls } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { runScript } from "../helpers/run-script.ts";

// With qard:manageSecrets the program declares @pulumi/aws resources, whose plugin an inline program
// never declares: the Automation API path installs it (at @pulumi/aws's version) unless acquisition is off.
// Here it cannot be had, so it must stop before the engine with an error that says which plugin, which
// version, and how to get it. Nothing leaves 127.0.0.1: downloads go to a local server that has no plugin.
let e2e: E2eStack;
let awsVersion: string;

/** A plugin server on 127.0.0.1 that has no plugin: records what was asked for and answers 404. */
async function startEmptyPluginServer(): Promise<{ url: string; requested: string[]; server: Server }> {
  const requested: string[] = [];
  const server = createServer((request, response) => {
    requested.push(request.url ?? "");
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requested, server };
}

beforeAll(async () => {
  const manifest = createRequire(import.meta.url).resolve("@pulumi/aws/package.json");
  awsVersion = (JSON.parse(await readFile(manifest, "utf8")) as { version: string }).version;
  e2e = await createE2eStack({
    name: "aws-plugin",
    apiKey: "e2e-aws-plugin-api-key",
    withMoto: true,
    config: () => ({
      "qard:manageSecrets": true,
      "qard:providers": { shopify: { credentials: { secretsManager: { secretId: "qard/e2e/shopify" } } } },
    }),
  });
});

afterAll(async () => {
  await e2e?.dispose();
});

describe("the aws plugin for qard:manageSecrets", () => {
  it("npm run stack names the plugin, its version and the install command, with no stack trace and no Qard call", async () => {
    expect(process.env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION).toBe("true");
    const result = await runScript("workflows/stack/main.ts", ["preview", "--stack", e2e.stackName], {
      ...e2e.backend.env,
      ...e2e.moto!.env,
    });
    expect(result.code, result.output).toBe(1);
    expect(result.stderr).toContain(
      `Stack "${e2e.stackName}" needs the Pulumi resource plugin "aws" v${awsVersion}`,
    );
    expect(result.stderr).toContain(`Install it with: pulumi plugin install resource aws ${awsVersion}`);
    expect(result.stderr).toContain("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION");
    expect(result.output).not.toMatch(/^\s+at /m);
    expect(apiCalls(e2e.emulator.control)).toEqual([]);
  });

  it("with acquisition on, it tries to install that exact version, and a failed download gets the same advice", async () => {
    const plugins = await startEmptyPluginServer();
    try {
      const result = await runScript("workflows/stack/main.ts", ["preview", "--stack", e2e.stackName], {
        ...e2e.backend.env,
        ...e2e.moto!.env,
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false",
        // Pulumi's own plugins come from GitHub releases: here, from the empty local server instead.
        PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^github://api.github.com/pulumi=${plugins.url}`,
      });
      expect(result.code, result.output).toBe(1);
      expect(plugins.requested).toContainEqual(
        expect.stringContaining(`pulumi-resource-aws-v${awsVersion}-`),
      );
      expect(result.stderr).toContain(`needs the Pulumi resource plugin "aws" v${awsVersion}`);
      expect(result.stderr).toMatch(/the download failed \(.*404/);
      expect(result.stderr).toContain(`Install it with: pulumi plugin install resource aws ${awsVersion}`);
      expect(result.output).not.toMatch(/^\s+at /m);
      expect(apiCalls(e2e.emulator.control)).toEqual([]);
    } finally {
      await new Promise((resolve) => plugins.server.close(resolve));
    }
  });
});
