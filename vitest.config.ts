import { defineConfig } from "vitest/config";

// The repo's tests import the library from its TypeScript source (the package's "@qard-iac/source" export
// condition); the provider processes, like a user's, load its compiled JavaScript (providers/dist).
const conditions = ["@qard-iac/source"];

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
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.spec.ts"],
          exclude: ["test/e2e/**"],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.spec.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // One engine run at a time: the machine has two cores and each run starts several processes.
          fileParallelism: false,
        },
      },
    ],
  },
});
