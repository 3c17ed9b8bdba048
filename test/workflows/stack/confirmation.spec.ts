import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { askToProceed, confirmationStep } from "../../../workflows/stack/confirmation.ts";
import { parseStackArgs } from "../../../workflows/stack/main.ts";

describe("confirmationStep (Pulumi's rule for a change)", () => {
  it.each([
    [{ changes: false, yes: false, skipPreview: false, interactive: false }, "proceed"],
    [{ changes: true, yes: true, skipPreview: false, interactive: false }, "proceed"],
    [{ changes: true, yes: false, skipPreview: true, interactive: false }, "proceed"],
    [{ changes: true, yes: false, skipPreview: false, interactive: true }, "preview-and-ask"],
    [{ changes: true, yes: false, skipPreview: false, interactive: false }, "refuse"],
  ] as const)("%j → %s", (input, step) => {
    expect(confirmationStep(input)).toBe(step);
  });
});

describe("askToProceed", () => {
  async function answer(typed: string | undefined): Promise<boolean> {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const asked = askToProceed("Do you want to perform this update?", { input, output });
    if (typed === undefined) input.end();
    else input.end(`${typed}\n`);
    return asked;
  }

  it("goes ahead on y or yes, in any case", async () => {
    for (const typed of ["y", "yes", "YES", " Yes "]) expect(await answer(typed)).toBe(true);
  });

  it("stops on anything else, and on an input that ends without an answer", async () => {
    for (const typed of ["", "n", "no", "yess", undefined]) expect(await answer(typed)).toBe(false);
  });
});

describe("parseStackArgs", () => {
  it("takes --yes / -y and --skip-preview / -f, as the Pulumi CLI does", () => {
    expect(parseStackArgs(["up", "--stack", "s", "--yes"])).toMatchObject({ yes: true, skipPreview: false });
    expect(parseStackArgs(["destroy", "--stack", "s", "-y"])).toMatchObject({ yes: true });
    expect(parseStackArgs(["up", "--stack", "s", "--skip-preview"])).toMatchObject({ skipPreview: true });
    expect(parseStackArgs(["up", "--stack", "s", "-f"])).toMatchObject({ skipPreview: true });
  });

  it("refuses an unknown flag with the usage, without Node's advice about positionals", () => {
    expect(() => parseStackArgs(["up", "--stack", "s", "--yess"])).toThrow(
      /^Unknown option '--yess'\nUsage: npm run stack/,
    );
  });
});
