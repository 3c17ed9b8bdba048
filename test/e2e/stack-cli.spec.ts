import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stackFilePath } from "../../workflows/stacks/stack-file.ts";
import { parseStackArgs } from "../../workflows/stack/main.ts";
import { EXIT_USAGE, UsageError } from "../../cli/usage-error.ts";
import { apiWrites } from "../helpers/api-calls.ts";
import { COMMAND_USAGES } from "../helpers/command-usages.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { runScript } from "../helpers/run-script.ts";

let e2e: E2eStack;

const runStackCli = (args: string[]) => runScript("workflows/stack/main.ts", args, e2e.backend.env);

beforeAll(async () => {
  e2e = await createE2eStack({
    name: "stack-cli",
    apiKey: "e2e-stack-cli-key",
    config: () => ({ "qard:providers": { company_legal_fr: { enabled: true, autoConnect: true } } }),
  });
});

afterAll(async () => {
  await e2e?.dispose();
});

describe("npm run stack (the program through the Automation API, as pipelines run it)", () => {
  it("up applies, preview --expect-no-changes then passes", async () => {
    const up = await runStackCli(["up", "--stack", e2e.stackName, "--yes"]);
    expect(up.code).toBe(0);
    expect(apiWrites(e2e.emulator.control)).toEqual([
      "PUT /api/v6/providers/company_legal_fr/settings",
      "PUT /api/v6/providers/company_legal_fr",
    ]);
    expect((await runStackCli(["preview", "--stack", e2e.stackName, "--expect-no-changes"])).code).toBe(0);
  });

  it("preview --refresh --expect-no-changes fails on drift, naming the property", async () => {
    e2e.emulator.control.patchProvider("company_legal_fr", { enabled: false });
    try {
      const result = await runStackCli([
        "preview",
        "--stack",
        e2e.stackName,
        "--refresh",
        "--expect-no-changes",
        "--diff",
      ]);
      expect(result.code).toBe(1);
      expect(result.output).toMatch(/~ enabled\s*: false => true/);
      expect(result.output).toMatch(/error: no changes were expected/);
    } finally {
      e2e.emulator.control.patchProvider("company_legal_fr", { enabled: true });
    }
  });

  it("refuses a bad command line with the usage", () => {
    expect(() => parseStackArgs(["deploy", "--stack", "x"])).toThrow(/Usage: npm run stack/);
    expect(() => parseStackArgs(["up"])).toThrow(/--stack is required/);
    expect(() => parseStackArgs(["destroy", "--stack", "x", "--create"])).toThrow(UsageError);
  });
});

describe("usage errors: a mistyped stack or flag (every command)", () => {
  const typo = () => `${e2e.stackName}-typo`;
  const stackNames = async () => (await e2e.stack.workspace.listStacks()).map((stack) => stack.name);

  it.each([
    ["stack", "workflows/stack/main.ts", (name: string) => ["up", "--stack", name, "--yes"]],
    ["drift", "workflows/drift/main.ts", (name: string) => ["--stack", name]],
    ["promote", "workflows/promote/main.ts", (name: string) => ["--from", name, "--to", e2e.stackName]],
    ["verify", "workflows/verify/main.ts", (name: string) => ["--stack", name, "--user", "u1"]],
  ])("%s refuses it with exit 64, lists the existing stacks, and creates none", async (_, script, args) => {
    e2e.emulator.control.clearRequests();
    const result = await runScript(script, args(typo()), e2e.backend.env);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toContain(`No stack named "${typo()}" in this backend (existing stacks: `);
    expect(result.stderr).toContain(e2e.stackName);
    expect(await stackNames()).not.toContain(typo());
    expect(apiWrites(e2e.emulator.control)).toEqual([]);
  });

  it.each(COMMAND_USAGES)(
    "%s exits 64 with its usage for an unknown flag, like the others",
    async (script, usage) => {
      const result = await runScript(script, ["--stak", e2e.stackName], e2e.backend.env);
      expect(result.code).toBe(EXIT_USAGE);
      expect(result.stderr).toContain("Unknown option '--stak'");
      expect(result.stderr).toContain(usage);
    },
  );

  it("stack preview --create creates it on purpose", async () => {
    const name = `${e2e.stackName}-new`;
    try {
      const result = await runStackCli(["preview", "--stack", name, "--create"]);
      expect(result.output).not.toContain("No stack named");
      expect(await stackNames()).toContain(name);
    } finally {
      await e2e.stack.workspace.removeStack(name, { force: true }).catch(() => undefined);
      await rm(stackFilePath(name), { force: true });
    }
  });
});
