import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findOfficialCli, officialCliOrSkip } from "./pulumi-cli.ts";

// Whether the official-CLI tests run, skip (saying what is missing) or fail in CI depends only on which
// executables PATH holds: fake ones in temporary folders stand in for them.
let dirs: string[] = [];

async function folderWith(...executables: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "qard-iac-cli-lookup-"));
  dirs.push(dir);
  for (const name of executables) {
    await writeFile(path.join(dir, name), "#!/bin/sh\nexit 0\n");
    await chmod(path.join(dir, name), 0o755);
  }
  return dir;
}

beforeEach(() => {
  dirs = [];
});

afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("findOfficialCli", () => {
  it("finds pulumi with the language host beside it", async () => {
    const dir = await folderWith("pulumi", "pulumi-language-nodejs");
    const lookup = findOfficialCli({ PATH: dir });
    expect("found" in lookup && lookup.found.pulumi).toBe(path.join(dir, "pulumi"));
  });

  it("accepts a language host elsewhere on PATH, as the CLI does", async () => {
    const cli = await folderWith("pulumi");
    const host = await folderWith("pulumi-language-nodejs");
    expect("found" in findOfficialCli({ PATH: [cli, host].join(path.delimiter) })).toBe(true);
  });

  it("names the language host when only the CLI is there", async () => {
    const dir = await folderWith("pulumi");
    const lookup = findOfficialCli({ PATH: dir });
    expect("missing" in lookup && lookup.missing).toMatch(/language host \(pulumi-language-nodejs/);
  });

  it("names the CLI when there is none", async () => {
    const dir = await folderWith("pulumi-language-nodejs");
    const lookup = findOfficialCli({ PATH: dir });
    expect("missing" in lookup && lookup.missing).toMatch(/^the pulumi CLI/);
  });
});

describe("officialCliOrSkip", () => {
  it("skips with the missing part in the reason outside CI", () => {
    const skip = officialCliOrSkip({ missing: "the language host" }, {});
    expect(skip).toEqual({ skipReason: "skipped: this machine lacks the language host" });
  });

  it("fails in CI instead of skipping", () => {
    expect(() => officialCliOrSkip({ missing: "the language host" }, { CI: "true" })).toThrow(
      /must run in CI, but this machine lacks the language host/,
    );
  });
});
