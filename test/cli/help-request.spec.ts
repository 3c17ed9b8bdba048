import { describe, expect, it } from "vitest";
import { COMMAND_USAGES } from "../helpers/command-usages.ts";
import { runScript } from "../helpers/run-script.ts";

// `--help` and `-h`, the habit every CLI user brings: the usage on stdout, exit 0, nothing run.
describe("--help on every command", () => {
  // The demo takes no flags of its own to refuse, but answers --help like the commands.
  it.each([...COMMAND_USAGES, ["scripts/demo.ts", "Usage: npm run demo"] as const])(
    "%s prints its usage and exits 0, with --help and with -h",
    async (script, usage) => {
      for (const flag of ["--help", "-h"]) {
        const result = await runScript(script, [flag], {});
        expect(result.code, `${script} ${flag}: ${result.output}`).toBe(0);
        expect(result.stdout).toContain(usage);
        expect(result.stderr).toBe("");
      }
    },
  );

  it("wins over the rest of the command line, even a wrong one", async () => {
    const result = await runScript("workflows/stack/main.ts", ["deploy", "--stak", "x", "--help"], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: npm run stack");
  });
});
