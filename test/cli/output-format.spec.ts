import { describe, expect, it } from "vitest";
import { usageError } from "../../cli/command-line.ts";
import { outputFormat } from "../../cli/output-format.ts";

const refuse = (problem: string) => usageError(problem, "Usage: x");

describe("outputFormat", () => {
  it("is text unless --json or --markdown asks otherwise", () => {
    expect(outputFormat({}, refuse)).toBe("text");
    expect(outputFormat({ json: true }, refuse)).toBe("json");
    expect(outputFormat({ markdown: true }, refuse)).toBe("markdown");
  });

  it("refuses --json with --markdown", () => {
    expect(() => outputFormat({ json: true, markdown: true }, refuse)).toThrow(
      "--json and --markdown exclude each other\nUsage: x",
    );
  });
});
