import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { projectRoot } from "../../../infra/project-root.ts";
import { annotationProperty } from "../../../workflows/policy-config/annotation.ts";

const MAIN = path.join(projectRoot(), "workflows", "policy-config", "main.ts");
// A line a GitHub runner would take as a workflow command, whichever stream it is printed on.
const WORKFLOW_COMMAND = /^::/m;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runWith(name: string, content: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
  dirs.push(dir);
  const file = path.join(dir, name);
  writeFileSync(file, content);
  const run = spawnSync(process.execPath, [MAIN, file], { encoding: "utf8" });
  return { ...run, file };
}

describe("policy-config main: the pack config check as a workflow step runs it", () => {
  it("annotates one warning per weakened mandatory rule and exits 0", () => {
    const run = runWith("pack-config.json", JSON.stringify({ "qard-secrets-by-reference": "disabled" }));
    expect(run.status).toBe(0);
    expect(run.stdout.match(/^::warning /gm)).toHaveLength(1);
    expect(run.stdout).toContain("qard-secrets-by-reference to disabled");
  });

  it("exits 2 on a file that is not JSON, and the parser's quote of it starts no workflow command", () => {
    const run = runWith("pack-config.json", "x\n::error title=owned::this line came from the file");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("is not readable JSON");
    expect(run.stderr).not.toMatch(WORKFLOW_COMMAND);
    expect(run.stdout).not.toMatch(WORKFLOW_COMMAND);
  });

  it("keeps a hostile file name inside the annotation's file property", () => {
    const run = runWith("a,b:c%\n::error::x.json", JSON.stringify({ all: "advisory" }));
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n").filter((line) => line.startsWith("::"));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^::warning file=[^,:\n]*::/);
  });
});

describe("annotationProperty", () => {
  it("escapes what GitHub reads as the end of a property or of the line", () => {
    expect(annotationProperty("a,b:c%\r\nd")).toBe("a%2Cb%3Ac%25%0D%0Ad");
  });
});
