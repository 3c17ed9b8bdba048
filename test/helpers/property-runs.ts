/**
 * One seed for every property of a test file, so a failure is reproducible: FC_SEED=<n> reruns the same
 * inputs (fast-check prints the seed and the shrink path of a counterexample in its error). The default
 * seed is fixed, so the suite is deterministic; set FC_SEED to explore, FC_RUNS to run more cases.
 */
import fc from "fast-check";

const DEFAULT_SEED = 19_2026;
const DEFAULT_RUNS = 200;

function integerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** Call at the top of a property test file. Returns the seed in use, for messages. */
export function configurePropertyRuns(): number {
  const seed = integerFromEnv("FC_SEED", DEFAULT_SEED);
  const numRuns = integerFromEnv("FC_RUNS", DEFAULT_RUNS);
  fc.configureGlobal({ seed, numRuns, verbose: 1 });
  return seed;
}
