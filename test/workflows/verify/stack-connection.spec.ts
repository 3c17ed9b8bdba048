import { describe, expect, it } from "vitest";
import { connectionFromStackConfig, pulumiErrorLine } from "../../../workflows/verify/stack-connection.ts";

describe("connectionFromStackConfig", () => {
  const config = {
    "qard:apiUrl": { value: "https://qard.example" },
    "qard:apiKey": { value: "stack-key" },
  };

  it("uses the stack's apiUrl and apiKey, as the stack's provider does during pulumi up", async () => {
    await expect(connectionFromStackConfig(config, { QARD_API_KEY: "env-key" })).resolves.toEqual({
      baseUrl: "https://qard.example",
      apiKey: "stack-key",
    });
  });

  it("takes QARD_API_KEY when the stack has no key", async () => {
    await expect(
      connectionFromStackConfig({ "qard:apiUrl": config["qard:apiUrl"] }, { QARD_API_KEY: "env-key" }),
    ).resolves.toEqual({ baseUrl: "https://qard.example", apiKey: "env-key" });
  });

  it("says how to give a key when there is none", async () => {
    await expect(connectionFromStackConfig({}, {})).rejects.toThrow(/qard:apiKey.*QARD_API_KEY/);
  });
});

describe("pulumiErrorLine", () => {
  it("keeps the CLI's error line of an Automation API failure", () => {
    const message =
      "code: -2\n stdout: \n stderr: Command failed with exit code 6: pulumi stack select --stack nope\n" +
      "error: no stack named 'nope' found\n err?: Error: Command failed\nerror: no stack named 'nope' found\n";
    expect(pulumiErrorLine(message)).toBe("no stack named 'nope' found");
  });

  it("keeps a message without one whole", () => {
    expect(pulumiErrorLine("spawn pulumi ENOENT")).toBe("spawn pulumi ENOENT");
  });
});
