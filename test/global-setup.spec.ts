import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
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
