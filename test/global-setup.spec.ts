import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { promisify } from "node:util";
import { resolvePulumiCommand } from "../workflows/stacks/pulumi-command.ts";
import { isBuildStale, modificationTimes } from "./global-setup.ts";

describe("isBuildStale", () => {
  it("is stale without a stamp, or when a source is newer than it; fresh otherwise", () => {
    expect(isBuildStale(undefined, [])).toBe(true);
    expect(isBuildStale(2000, [1000, 3000])).toBe(true);
    expect(isBuildStale(2000, [1000, 2000])).toBe(false);
    expect(isBuildStale(2000, [])).toBe(false);
  });
});

describe("modificationTimes", () => {
  it("walks folders down to their files and skips paths that do not exist", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "qard-build-stamp-"));
    try {
      mkdirSync(path.join(dir, "src/resource"), { recursive: true });
      const file = path.join(dir, "src/resource/deep.ts");
      writeFileSync(file, "export {};\n");
      // A fixed date far in the future: only this file can have it.
      const future = new Date("2100-01-01T00:00:00Z");
      utimesSync(file, future, future);
      const times = [...modificationTimes([path.join(dir, "src"), path.join(dir, "missing.json")])];
      expect(times).toHaveLength(3);
      expect(Math.max(...times)).toBe(future.getTime());
      expect(isBuildStale(future.getTime() - 1, times)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the suite's Pulumi home", () => {
  it("is a folder of this run's own: a CLI the tests start logs there, not in the user's ~/.pulumi", async () => {
    const home = process.env.PULUMI_HOME ?? "(not set)";
    expect(path.basename(home)).toMatch(/^qard-pulumi-home-/);
    expect(path.dirname(home)).toBe(tmpdir());
    const { command } = await resolvePulumiCommand();
    await promisify(execFile)(command, ["version"]);
    expect(readdirSync(path.join(home, "logs")).filter((name) => name.endsWith("-version.log"))).not.toEqual(
      [],
    );
  });
});

describe("the suite's compile cache", () => {
  it.skipIf(process.env.NODE_DISABLE_COMPILE_CACHE)(
    "is a folder of this run's own: a Node.js the tests start writes its entries there, not in the shared cache",
    async () => {
      const cache = process.env.NODE_COMPILE_CACHE ?? "(not set)";
      expect(path.basename(cache)).toMatch(/^qard-compile-cache-/);
      expect(path.dirname(cache)).toBe(tmpdir());
      const script = "require('yaml'); process.stdout.write(require('node:module').getCompileCacheDir())";
      const { stdout } = await promisify(execFile)(process.execPath, ["-e", script]);
      expect(stdout.startsWith(cache + path.sep)).toBe(true);
      expect(readdirSync(stdout)).not.toEqual([]);
    },
  );
});
