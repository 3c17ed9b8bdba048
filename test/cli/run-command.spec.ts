import { describe, expect, it } from "vitest";
import { UnknownStackError } from "../../workflows/stacks/unknown-stack-error.ts";
import { usageError } from "../../cli/command-line.ts";
import { EXIT_FAILED, reportCommandError } from "../../cli/run-command.ts";
import { EXIT_USAGE } from "../../cli/usage-error.ts";

function report(error: unknown): { code: number; printed: string[] } {
  const printed: string[] = [];
  const code = reportCommandError(error, (text) => printed.push(text));
  return { code, printed };
}

describe("reportCommandError (how every command ends on an error)", () => {
  it("a bad flag exits 64 with the whole message, usage line included", () => {
    const { code, printed } = report(usageError("--stack is required", "Usage: npm run x -- --stack <name>"));
    expect(code).toBe(EXIT_USAGE);
    expect(printed).toEqual(["error: --stack is required\nUsage: npm run x -- --stack <name>"]);
  });

  it("a stack that does not exist exits 64, naming the stacks that do", () => {
    const { code, printed } = report(new UnknownStackError("prdo", ["prod"], "create it"));
    expect(code).toBe(EXIT_USAGE);
    expect(printed.join("\n")).toContain('No stack named "prdo" in this backend (existing stacks: prod)');
  });

  it("a failed run exits 1 with the CLI's error lines only, not its transcript", () => {
    const cliFailure = new Error(
      "code: 255\n stdout: Updating (prod)\n  + 12 resources\n stderr: \nerror: update failed\n",
    );
    const { code, printed } = report(cliFailure);
    expect(code).toBe(EXIT_FAILED);
    expect(printed).toEqual(["error: update failed"]);
  });
});
