import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStackArgs } from "../../workflows/stack/main.ts";
import { apiWrites } from "../helpers/api-calls.ts";
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
    const up = await runStackCli(["up", "--stack", e2e.stackName]);
    expect(up.code).toBe(0);
    expect(apiWrites(e2e.emulator.control)).toEqual([
      "PUT /api/v6/providers/company_legal_fr/settings",
      "PUT /api/v6/providers/company_legal_fr",
    ]);
    expect((await runStackCli(["preview", "--stack", e2e.stackName, "--expect-no-changes"])).code).toBe(0);
  });

  it("preview --refresh --expect-no-changes fails on drift, naming the property", async () => {
    e2e.emulator.control.patchProvider("company_legal_fr", { enabled: false });
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
  });

  it("refuses a bad command line with the usage", () => {
    expect(() => parseStackArgs(["deploy", "--stack", "x"])).toThrow(/Usage: npm run stack/);
    expect(() => parseStackArgs(["up"])).toThrow(/--stack is required/);
  });
});
