import { describe, expect, it } from "vitest";
import { connectionFromStackConfig } from "../../../workflows/stacks/stack-connection.ts";

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
