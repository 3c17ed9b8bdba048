/**
 * The workflows in .github/workflows/ through actionlint, GitHub Actions' own linter (expressions, contexts,
 * job dependencies, action inputs, cron, and the `run` scripts when shellcheck is installed). `npm run
 * setup` builds it from the Go module proxy into .tools/bin. Missing locally, the test is skipped with a
 * message; missing in CI (process.env.CI set), it fails.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/project-root.ts";
import { toolsBinDir } from "../../workflows/stacks/pulumi-command.ts";

function findActionlint(): string | undefined {
  const candidates = [toolsBinDir(), ...(process.env.PATH ?? "").split(path.delimiter)].filter(Boolean);
  return candidates.map((dir) => path.join(dir, "actionlint")).find((file) => existsSync(file));
}

const actionlint = findActionlint();
const inCi = Boolean(process.env.CI);
const workflowsDir = path.join(projectRoot(), ".github", "workflows");
const workflowFiles = readdirSync(workflowsDir)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => path.join(workflowsDir, file));

function lint(files: string[]) {
  if (actionlint === undefined) {
    throw new Error("actionlint is not installed: `npm run setup` builds it into .tools/bin");
  }
  const result = spawnSync(actionlint, ["-no-color", ...files], { cwd: projectRoot(), encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

if (actionlint === undefined && !inCi) {
  console.warn("actionlint.spec.ts skipped: actionlint is not installed (`npm run setup` builds it).");
}

describe.skipIf(actionlint === undefined && !inCi)("actionlint", () => {
  it("finds no problem in .github/workflows", () => {
    expect(workflowFiles.length).toBeGreaterThan(0);
    expect(lint(workflowFiles)).toEqual({ status: 0, output: "" });
  });

  it("does report a broken workflow (so the check above can fail)", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "qard-actionlint-"));
    try {
      const broken = path.join(dir, "broken.yml");
      writeFileSync(
        broken,
        [
          "on: push",
          "jobs:",
          "  a:",
          "    runs-on: ubuntu-latest",
          "    needs: [missing]",
          "    steps:",
          "      - run: echo ${{ github.no_such_context }}",
        ].join("\n"),
      );
      const result = lint([broken]);
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
