// npm run policy-config-check -- <pack-config.json>: one line per rule the config weakens, exit 0 (the
// pipelines turn each line into a warning of the run); exit 1 when the file cannot be read.
import { readFile } from "node:fs/promises";
import { POLICIES } from "./policies.ts";
import { weakenedRules } from "./weakened-rules.ts";

const file = process.argv[2];
if (file === undefined || file === "--help" || file === "-h") {
  console.log("Usage: npm run policy-config-check -- <pack-config.json>");
  process.exitCode = file === undefined ? 64 : 0;
} else {
  try {
    const config: unknown = JSON.parse(await readFile(file, "utf8"));
    for (const line of weakenedRules(POLICIES, config)) console.log(line);
  } catch (error) {
    console.error(`error: cannot read the policy pack config ${file}: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
