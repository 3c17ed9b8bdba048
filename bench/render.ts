// Renders bench/results/latest.md again from a results file (default bench/results/latest.json), without
// measuring anything: for a change to the table's layout or notes.
//   bash scripts/with-tools.sh node bench/render.ts [results.json]
import { readFile } from "node:fs/promises";
import path from "node:path";
import { RESULTS_DIR, writeMarkdown } from "./report.ts";
import type { BenchResults } from "./results.ts";

const source = process.argv[2] ?? path.join(RESULTS_DIR, "latest.json");
const results = JSON.parse(await readFile(source, "utf8")) as BenchResults;
console.log(`Wrote ${await writeMarkdown(results)} from ${source}`);
