import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

const documents = [
  "README.md",
  "providers/README.md",
  ...readdirSync(path.join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** The targets of inline `[text](target)` links outside code, where a link is only text. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!);
}

/** A link to another file of the repository (not a URL, not an anchor of the same page), without its anchor. */
function relativeFile(target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) return undefined;
  return decodeURIComponent(target.split("#")[0]!);
}

describe("relative links in the documentation", () => {
  it("finds the links of a page, leaving out URLs, anchors and code", () => {
    const page = "See [a](docs/a.md#x), [b](https://x.test), [c](#top), `[d](nope.md)`.\n```\n[e](f.md)\n```";
    expect(linkTargets(page).map(relativeFile)).toEqual(["docs/a.md", undefined, undefined]);
  });

  it.each(documents)("%s: every relative link names a file that exists", (document) => {
    const dir = path.dirname(path.join(root, document));
    const broken = linkTargets(readFileSync(path.join(root, document), "utf8"))
      .map(relativeFile)
      .filter((target): target is string => target !== undefined)
      .filter((target) => !existsSync(path.resolve(dir, target)));
    expect(broken).toEqual([]);
  });
});
