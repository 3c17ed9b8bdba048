// `npm run soak [-- --seed N --cycles 200]`: the full randomized soak through the engine; prints a line per
// cycle and a summary table; exit 1 when an invariant was violated.
import { parseCommandLine, usageError } from "../../cli/command-line.ts";
import { runCommand } from "../../cli/run-command.ts";
import { runSoak } from "./soak-run.ts";
import { cycleLine, renderSummary, violationsOf } from "./summary.ts";

const USAGE = "Usage: npm run soak -- [--seed <integer>] [--cycles 200] [--minutes 90]";

function wholeNumber(value: string, flag: string, minimum: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < minimum)
    throw usageError(`${flag} must be a whole number >= ${minimum}, not "${value}"`, USAGE);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(
    {
      args: argv,
      strict: true,
      options: {
        seed: { type: "string" },
        cycles: { type: "string", default: "200" },
        minutes: { type: "string", default: "90" },
      },
    },
    USAGE,
  );
  const seed =
    values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : wholeNumber(values.seed, "--seed", 0);
  const cycles = wholeNumber(values.cycles, "--cycles", 1);
  const minutes = wholeNumber(values.minutes, "--minutes", 1);
  console.log(`Soak: seed ${seed}, ${cycles} cycles, at most ${minutes} min`);
  const result = await runSoak({
    seed,
    cycles,
    deadlineMs: minutes * 60_000,
    onCycle: (report) => console.log(cycleLine(report)),
  });
  console.log(`\n${renderSummary(result)}`);
  return violationsOf(result).length === 0 ? 0 : 1;
}

if (import.meta.main) runCommand(main);
