import { describe, expect, it } from "vitest";
import { conciseErrorMessage } from "../../cli/concise-error-message.ts";

describe("conciseErrorMessage", () => {
  it("keeps only the CLI's error lines of an Automation API failure, once each, without the prefix", () => {
    const error = new Error(
      "code: -2\n stdout: \n stderr: Command failed with exit code 6: pulumi stack select --stack nope\n" +
        "error: no stack named 'nope' found\n err?: Error: Command failed\nerror: no stack named 'nope' found\n",
    );
    expect(conciseErrorMessage(error)).toBe("no stack named 'nope' found");
  });

  it("keeps every distinct error line, trimmed, in order", () => {
    const message =
      "stdout: Previewing update\n    error: preview failed: 401 from Qard\nerror: no changes were expected\n";
    expect(conciseErrorMessage(new Error(message))).toBe(
      "preview failed: 401 from Qard\nno changes were expected",
    );
  });

  it("keeps the first five lines of any other error", () => {
    const error = new Error("spawn pulumi ENOENT\n1\n2\n3\n4\n    at ChildProcess.spawn (node:internal)");
    expect(conciseErrorMessage(error)).toBe("spawn pulumi ENOENT\n1\n2\n3\n4");
    expect(conciseErrorMessage("not an Error")).toBe("not an Error");
  });

  // Found by the soak (test/soak): `npm run drift` on a stack with a config error reported only the heading
  // "Stack … has invalid Qard configuration:", without the problems that say what to fix.
  it("keeps the indented lines an error line introduces (a heading ending with a colon)", () => {
    const diagnostics =
      "Diagnostics:\n  pulumi:pulumi:Stack (qard-iac-dev):\n" +
      '    error: Stack "dev" has invalid Qard configuration:\n' +
      "      - qard:providers.shopify.enabled: must be a boolean. Fix it in Pulumi.dev.yaml\n" +
      "      - qard:apiUrl: must be https. Fix it in Pulumi.dev.yaml\n" +
      "\nResources:\n    + 1 to create\n";
    const message = `stderr: Command failed\n${diagnostics} err?: Error: Command failed\n${diagnostics}`;
    expect(conciseErrorMessage(new Error(message))).toBe(
      'Stack "dev" has invalid Qard configuration:\n' +
        "  - qard:providers.shopify.enabled: must be a boolean. Fix it in Pulumi.dev.yaml\n" +
        "  - qard:apiUrl: must be https. Fix it in Pulumi.dev.yaml",
    );
  });
});
