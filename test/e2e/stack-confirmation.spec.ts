/**
 * `npm run stack -- up` behaves like `pulumi up`: at a terminal it shows the preview and asks; `--yes` (or
 * `--skip-preview`) goes ahead; with no terminal and no `--yes` it refuses with exit 2, before anything runs.
 * The terminal is a real pseudo-terminal (util-linux `script`), so the command sees TTYs as a person's shell.
 */
import { spawn, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/project-root.ts";
import { toolEnvironment } from "../../workflows/stacks/pulumi-command.ts";
import { apiWrites } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { runScript } from "../helpers/run-script.ts";

let e2e: E2eStack;

const hasScript = spawnSync("script", ["--version"]).status === 0;

beforeAll(async () => {
  e2e = await createE2eStack({
    name: "stack-confirm",
    apiKey: "e2e-stack-confirm-key",
    config: () => ({ "qard:providers": { company_legal_fr: { enabled: true, autoConnect: true } } }),
  });
});

afterAll(async () => {
  await e2e?.dispose();
});

interface TerminalRun {
  code: number | null;
  output: string;
}

/** Runs `npm run stack -- <args>` on a pseudo-terminal and types `answer` when the question appears. */
function atTerminal(args: string[], answer: string): Promise<TerminalRun> {
  const command = [process.execPath, "workflows/stack/main.ts", ...args].map((a) => `'${a}'`).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      cwd: projectRoot(),
      env: { ...process.env, ...toolEnvironment(), ...e2e.backend.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    let answered = false;
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (!answered && /Do you want to perform this \w+\? \[yes\/no\]/.test(output)) {
        answered = true;
        child.stdin.write(`${answer}\n`);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("npm run stack -- up asks for confirmation, like pulumi up", () => {
  it("without a terminal and without --yes: refused with exit 2, before anything runs", async () => {
    e2e.emulator.control.clearRequests();
    const result = await runScript(
      "workflows/stack/main.ts",
      ["up", "--stack", e2e.stackName],
      e2e.backend.env,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--yes is required in non-interactive mode");
    expect(e2e.emulator.control.requests()).toEqual([]);
  });

  it.skipIf(!hasScript)("at a terminal: shows the preview, asks, and a no changes nothing", async () => {
    e2e.emulator.control.clearRequests();
    const run = await atTerminal(["up", "--stack", e2e.stackName], "no");
    expect(run.output).toMatch(/company_legal_fr\s+create/);
    expect(run.output).toContain("Do you want to perform this update? [yes/no]");
    expect(run.output).toContain("confirmation declined");
    expect(run.code).toBe(1);
    expect(apiWrites(e2e.emulator.control)).toEqual([]);
  });

  it.skipIf(!hasScript)("at a terminal: a yes applies it", async () => {
    e2e.emulator.control.clearRequests();
    const run = await atTerminal(["up", "--stack", e2e.stackName], "yes");
    expect(run.code, run.output).toBe(0);
    expect(apiWrites(e2e.emulator.control)).toEqual([
      "PUT /api/v6/providers/company_legal_fr/settings",
      "PUT /api/v6/providers/company_legal_fr",
    ]);
  });

  it("--yes goes ahead without a terminal, and is not refused by the parser", async () => {
    const result = await runScript(
      "workflows/stack/main.ts",
      ["destroy", "--stack", e2e.stackName, "--yes"],
      e2e.backend.env,
    );
    expect(result.code, result.output).toBe(0);
    expect(apiWrites(e2e.emulator.control)).toContain("PUT /api/v6/providers/company_legal_fr");
  });
});
