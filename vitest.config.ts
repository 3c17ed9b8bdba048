import { availableParallelism } from "node:os";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

// The repo's tests import the library from its TypeScript source (the package's "@qard-iac/source" export
// condition); the provider processes, like a user's, load its compiled JavaScript (providers/dist).
const conditions = ["@qard-iac/source"];

/**
 * Two files run long for their size: the workflow runs under act (test/e2e/pipelines.spec.ts, about four
 * minutes on two cores) and the soak (test/e2e/soak.spec.ts, about a minute of cycles in a small file). Left
 * to vitest's order on a fresh clone (largest file first), the soak ran last, alone, while the other worker
 * had nothing left. Started first, both overlap the other end-to-end files. The rest keep vitest's order
 * (slowest of the last run first, else largest first).
 */
const LONG_FOR_THEIR_SIZE = ["/test/e2e/pipelines.spec.ts", "/test/e2e/soak.spec.ts"];

class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = LONG_FOR_THEIR_SIZE.findIndex((suffix) => spec.moduleId.endsWith(suffix));
      return index === -1 ? LONG_FOR_THEIR_SIZE.length : index;
    };
    // Array.prototype.sort is stable: within a rank, vitest's order stays.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    // Nothing can be downloaded here: a missing plugin must fail at once, naming itself.
    env: { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" },
    // Rebuilds providers/dist when its source is newer, as scripts/with-tools.sh does: `npx vitest` too.
    globalSetup: ["test/global-setup.ts"],
    // Pulumi's closure serializer uses the V8 inspector of the process it runs in: forks, not threads.
    pool: "forks",
    sequence: { sequencer: LongFilesFirst },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.spec.ts"],
          exclude: ["test/e2e/**"],
          testTimeout: 30_000,
          // vitest's default (a worker per core but one) leaves a two-core machine one worker, while most
          // unit files wait on servers and child processes: two workers there take 43 s instead of 71 s.
          maxWorkers: Math.max(2, availableParallelism() - 1),
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.spec.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // Two files at a time, after the unit tests: each file has its own stacks (random names), file
          // backends, emulators, moto and temporary folders, so two never share anything a run writes. Each
          // engine run starts several processes that mostly wait on one another; more than two would only
          // queue on a two-core machine.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
