import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { renderMarkdown } from "./markdown.ts";
import type { BenchResults } from "./results.ts";

export const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");

/** Writes `<timestamp>.json`, `latest.json` and `latest.md` in bench/results; returns the paths written. */
export async function writeResults(results: BenchResults): Promise<string[]> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const stamp = results.startedAt.replace(/[:.]/g, "-");
  await writeFile(path.join(RESULTS_DIR, `${stamp}.json`), json);
  await writeFile(path.join(RESULTS_DIR, "latest.json"), json);
  return [
    path.join("bench", "results", `${stamp}.json`),
    path.join("bench", "results", "latest.json"),
    await writeMarkdown(results),
  ];
}

/** Writes `latest.md`, formatted as the project formats its Markdown so that it pastes into the README as is. */
export async function writeMarkdown(results: BenchResults): Promise<string> {
  const file = path.join(RESULTS_DIR, "latest.md");
  const options = (await prettier.resolveConfig(file)) ?? {};
  await writeFile(file, await prettier.format(renderMarkdown(results), { ...options, parser: "markdown" }));
  return path.join("bench", "results", "latest.md");
}
