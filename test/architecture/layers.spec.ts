import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The layers, from the bottom: the library (providers/) and the Qard emulator stand alone; cli/ is the
// command floor that knows nothing of Pulumi; infra/ is the Pulumi program; workflows/stacks/ is what every
// pipeline command shares; each other folder of workflows/ is one command, which uses the floors below it
// and never another command.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const LAYERED = ["emulator", "cli", "infra", "workflows"];
const STACKS_FLOOR = "workflows/stacks";

/** The forbidden folders for a file, as repo-relative prefixes; empty when it may import any of them. */
function forbiddenFor(file: string): string[] {
  const [top, second] = file.split("/");
  if (top === "emulator") return ["workflows", "infra"];
  if (top === "cli") return ["workflows", "infra", "emulator"];
  if (top === "infra") return ["workflows"];
  if (top === "workflows" && second !== undefined && !second.endsWith(".ts")) {
    if (`${top}/${second}` === STACKS_FLOOR) return commandFolders();
    return commandFolders().filter((folder) => folder !== `workflows/${second}`);
  }
  return [];
}

function commandFolders(): string[] {
  return readdirSync(path.join(ROOT, "workflows"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && `workflows/${entry.name}` !== STACKS_FLOOR)
    .map((entry) => `workflows/${entry.name}`);
}

function typescriptFiles(dir: string): string[] {
  if (!existsSync(path.join(ROOT, dir))) return [];
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

// Static imports, re-exports and dynamic imports of a relative path.
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

/** The repo-relative paths `file` imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return [...text.matchAll(IMPORT)].map((match) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]!)),
  );
}

function violations(): string[] {
  const found: string[] = [];
  for (const dir of LAYERED) {
    for (const file of typescriptFiles(dir)) {
      const forbidden = forbiddenFor(file);
      for (const target of importsOf(file)) {
        const folder = forbidden.find((prefix) => target === prefix || target.startsWith(`${prefix}/`));
        if (folder !== undefined) found.push(`${file} imports ${target} (${folder}/ is not below it)`);
      }
    }
  }
  return found;
}

// The command floor and the emulator run without the Pulumi SDK: neither may load it.
const PULUMI = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["'](@pulumi\/[^"']+)["']/g;

function pulumiImports(): string[] {
  return ["cli", "emulator"].flatMap((dir) =>
    typescriptFiles(dir).flatMap((file) =>
      [...readFileSync(path.join(ROOT, file), "utf8").matchAll(PULUMI)].map(
        (match) => `${file} imports ${match[1]!}`,
      ),
    ),
  );
}

describe("layers", () => {
  it("imports only go down: emulator and cli stand alone, infra below workflows, commands apart", () => {
    expect(violations()).toEqual([]);
  });

  it("keeps the Pulumi SDK out of cli/ and the emulator", () => {
    expect(pulumiImports()).toEqual([]);
  });

  it("finds an import that goes up (the check can fail)", () => {
    expect(forbiddenFor("emulator/main.ts")).toContain("workflows");
    expect(forbiddenFor("cli/run-command.ts")).toContain("infra");
    expect(forbiddenFor("infra/program.ts")).toContain("workflows");
    expect(forbiddenFor("workflows/import/main.ts")).toContain("workflows/promote");
    expect(forbiddenFor("workflows/import/main.ts")).not.toContain("workflows/import");
  });
});
