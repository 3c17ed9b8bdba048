import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
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
