import { describe, expect, it } from "vitest";
import { parseFlags } from "../../cli/command-line.ts";
import { HelpRequest } from "../../cli/help-request.ts";
import { EXIT_USAGE, isUsageError } from "../../cli/usage-error.ts";
import { reportCommandError } from "../../cli/run-command.ts";

const USAGE = "Usage: npm run thing -- --stack <name> [--json]";
const OPTIONS = { stack: { type: "string" }, json: { type: "boolean" } } as const;

function usageMessageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isUsageError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("parseFlags (the shape of every command's parser)", () => {
  it("gives the flags' values", () => {
    const { values } = parseFlags(["--stack", "dev", "--json"], OPTIONS, USAGE);
    expect(values).toEqual({ stack: "dev", json: true });
  });

  it("refuses an unknown flag and a positional, ending with the usage line", () => {
    expect(usageMessageOf(() => parseFlags(["--stak", "dev"], OPTIONS, USAGE))).toMatch(
      /--stak[\s\S]*\nUsage: /,
    );
    expect(usageMessageOf(() => parseFlags(["deploy"], OPTIONS, USAGE))).toMatch(/deploy[\s\S]*\nUsage: /);
  });

  it("answers --help with the usage, before any other check", () => {
    expect(() => parseFlags(["--stak", "--help"], OPTIONS, USAGE)).toThrow(HelpRequest);
  });

  it("binds the usage to refuse, so a command's own check ends like the parser's (exit 64)", () => {
    const { refuse } = parseFlags([], OPTIONS, USAGE);
    const error = refuse("--stack is required");
    expect(error.message).toBe(`--stack is required\n${USAGE}`);
    expect(reportCommandError(error, () => {})).toBe(EXIT_USAGE);
  });
});
