import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.ts";

// `--help` and `-h`, the habit every CLI user brings: the usage on stdout, exit 0, nothing run.
describe("--help on every command", () => {
  it.each([
    ["workflows/stack/main.ts", "Usage: npm run stack"],
    ["workflows/drift/main.ts", "Usage: npm run drift"],
    ["workflows/promote/main.ts", "Usage: npm run promote"],
    ["workflows/verify/main.ts", "Usage: npm run verify"],
    ["workflows/import/main.ts", "Usage: npm run import"],
    ["emulator/main.ts", "Usage: npm run emulator"],
    ["bench/run.ts", "Usage: npm run bench"],
    ["scripts/demo.ts", "Usage: npm run demo"],
  ])("%s prints its usage and exits 0, with --help and with -h", async (script, usage) => {
    for (const flag of ["--help", "-h"]) {
      const result = await runScript(script, [flag], {});
      expect(result.code, `${script} ${flag}: ${result.output}`).toBe(0);
      expect(result.stdout).toContain(usage);
      expect(result.stderr).toBe("");
    }
  });

  it("wins over the rest of the command line, even a wrong one", async () => {
    const result = await runScript("workflows/stack/main.ts", ["deploy", "--stak", "x", "--help"], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: npm run stack");
  });
});
