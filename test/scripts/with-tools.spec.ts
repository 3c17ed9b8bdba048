import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/project-root.ts";

// What Node.js the commands run under scripts/with-tools.sh see: here, whether its compile cache is on.
function compileCacheDirUnderTools(env: Record<string, string | undefined>): string {
  const withTools = path.join(projectRoot(), "scripts", "with-tools.sh");
  const script = "process.stdout.write(String(require('node:module').getCompileCacheDir()))";
  const run = spawnSync("bash", [withTools, "node", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined, ...env },
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe("scripts/with-tools.sh", () => {
  it("turns on Node's compile cache for every process it starts, in Node's default place", () => {
    expect(compileCacheDirUnderTools({ TMPDIR: "/tmp" })).toMatch(/^\/tmp\/node-compile-cache\//);
  });

  it("keeps a compile cache the caller chose, and none when the caller turned it off", () => {
    expect(compileCacheDirUnderTools({ NODE_COMPILE_CACHE: "/tmp/qard-chosen-cache" })).toMatch(
      /^\/tmp\/qard-chosen-cache\//,
    );
    expect(compileCacheDirUnderTools({ NODE_DISABLE_COMPILE_CACHE: "1" })).toBe("undefined");
  });
});
