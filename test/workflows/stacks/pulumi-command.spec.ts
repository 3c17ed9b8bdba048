import { describe, expect, it } from "vitest";
import { resolvePulumiCommand } from "../../../workflows/stacks/pulumi-command.ts";

describe("resolvePulumiCommand", () => {
  it("asks the CLI for its version once per process: every later call gets the same command", async () => {
    const first = resolvePulumiCommand();
    const second = resolvePulumiCommand();
    expect(second).toBe(first);
    expect((await first).version).not.toBeNull();
  });
});
