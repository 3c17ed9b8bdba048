/**
 * `@qard-iac/pulumi-qard/rules` is a published contract: every name it exports is documented in the
 * package's README (the table under "The rules"), and nothing documented is missing.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as rules from "../../providers/src/rules.ts";

const README = new URL("../../providers/README.md", import.meta.url);
const SOURCE = new URL("../../providers/src/rules.ts", import.meta.url);

function documentedNames(): string[] {
  const readme = readFileSync(README, "utf8");
  const section = readme.slice(readme.indexOf("### The rules"));
  const table = section.slice(0, section.indexOf("\n\n", section.indexOf("| Name")));
  return table
    .split("\n")
    .slice(2)
    .flatMap((row) =>
      [...(row.split("|")[1] ?? "").matchAll(/`([A-Za-z_]+)/g)].map((match) => match[1] ?? ""),
    );
}

function exportedTypeNames(): string[] {
  return [...readFileSync(SOURCE, "utf8").matchAll(/\btype ([A-Za-z_]+)/g)].map((match) => match[1] ?? "");
}

describe("the ./rules entry point", () => {
  it("exports exactly the names its documentation lists", () => {
    const exported = [...Object.keys(rules), ...exportedTypeNames()].sort();
    expect(exported).toEqual(documentedNames().sort());
  });
});
