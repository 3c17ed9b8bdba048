import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCalls } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { runScript } from "../helpers/run-script.ts";

// With qard:manageSecrets the program declares @pulumi/aws resources, whose plugin an inline program
// never declares. Nothing can be downloaded here and vitest turns acquisition off, so the Automation API
// path must stop before the engine with an error that says which plugin, which version, and how to get it.
let e2e: E2eStack;
let awsVersion: string;

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
});
