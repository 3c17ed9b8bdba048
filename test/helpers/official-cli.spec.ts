import { chmod, mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  cliOrSkipReason,
  findOfficialCli,
  officialCliOrSkip,
  oldestSupportedVersion,
} from "./official-cli.ts";

let dir: string;

async function executable(folder: string, name: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, name);
  await writeFile(file, "#!/bin/sh\n");
  await chmod(file, 0o755);
  return file;
}

async function setup(): Promise<{ tools: string; other: string }> {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), "qard-iac-cli-lookup-")));
  return { tools: path.join(dir, "tools"), other: path.join(dir, "other") };
}

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Records what a vitest context's skip() was given; like vitest's, it ends the test by throwing. */
function fakeContext(): { notes: (string | undefined)[]; skip(note?: string): void } {
  const notes: (string | undefined)[] = [];
  return {
    notes,
    skip(note) {
      notes.push(note);
      throw new Error("skipped");
    },
  };
}

describe("officialCliOrSkip", () => {
  it("finds the CLI with the language host beside it", async () => {
    const { tools } = await setup();
    const pulumi = await executable(tools, "pulumi");
    await executable(tools, "pulumi-language-nodejs");
    expect(findOfficialCli({ PATH: "" }, tools)).toEqual({ found: { pulumi, pathDirs: [tools] } });
  });

  it("finds a language host on PATH and puts its folder on the CLI's PATH", async () => {
    const { tools, other } = await setup();
    const pulumi = await executable(tools, "pulumi");
    await executable(other, "pulumi-language-nodejs");
    expect(findOfficialCli({ PATH: other }, tools)).toEqual({ found: { pulumi, pathDirs: [tools, other] } });
  });

  it("skips with a note naming the missing language host", async () => {
    const { tools } = await setup();
    await executable(tools, "pulumi");
    const ctx = fakeContext();
    expect(() => officialCliOrSkip(ctx, { PATH: "" }, tools)).toThrow("skipped");
    expect(ctx.notes).toHaveLength(1);
    expect(ctx.notes[0]).toContain("pulumi-language-nodejs");
  });

  it("fails instead of skipping in CI", async () => {
    const { tools } = await setup();
    await executable(tools, "pulumi");
    const ctx = fakeContext();
    expect(() => officialCliOrSkip(ctx, { PATH: "", CI: "true" }, tools)).toThrow(
      /CI must run the official-CLI tests.*pulumi-language-nodejs/,
    );
    expect(ctx.notes).toEqual([]);
  });

  it("names the CLI itself when there is none", async () => {
    const { tools } = await setup();
    expect(findOfficialCli({ PATH: "" }, tools)).toMatchObject({
      missing: expect.stringMatching(/Pulumi CLI/),
    });
  });
});

describe("cliOrSkipReason", () => {
  it("gives a suite the missing part as its skip reason outside CI", () => {
    expect(cliOrSkipReason({ missing: "the language host" }, {})).toEqual({
      skipReason: "(skipped: needs the language host)",
    });
  });

  it("fails in CI instead of skipping", () => {
    expect(() => cliOrSkipReason({ missing: "the oldest CLI" }, { CI: "true" })).toThrow(
      /CI must run the official-CLI tests.*the oldest CLI/,
    );
  });
});

describe("oldestSupportedVersion", () => {
  it("is the version scripts/setup.sh builds with --min-cli", () => {
    expect(oldestSupportedVersion()).toMatch(/^3\.\d+\.\d+$/);
  });
});
