// The short form of the soak (test/soak/, `npm run soak` for the full run): about 20 random cycles
// through the engine, every invariant checked after each. SOAK_SEED picks the seed; the default is fixed.
import { expect, it } from "vitest";
import { runSoak } from "../soak/soak-run.ts";
import { cycleLine, renderSummary, violationsOf } from "../soak/summary.ts";

const DEFAULT_SEED = 19;
const seed = process.env.SOAK_SEED === undefined ? DEFAULT_SEED : Number(process.env.SOAK_SEED);
const CYCLES = 20;

it(`keeps every invariant through ${CYCLES} random cycles (seed ${seed})`, async () => {
  const lines: string[] = [];
  const result = await runSoak({ seed, cycles: CYCLES, onCycle: (report) => lines.push(cycleLine(report)) });
  const summary = renderSummary(result);
  console.log(summary);
  // On failure the message carries the seed, every cycle and the summary: enough to reproduce it.
  expect(violationsOf(result), `${lines.join("\n")}\n\n${summary}`).toEqual([]);
  expect(result.reports).toHaveLength(CYCLES);
});
