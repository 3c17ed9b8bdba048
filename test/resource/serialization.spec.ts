import { describe, expect, it } from "vitest";
import { serializedProviderText } from "../helpers/serialized-provider.ts";

describe("the serialized provider stored in state (__provider)", () => {
  it("holds no API key, no credential value, no absolute path, and stays small", async () => {
    process.env.QARD_API_KEY = "api-key-canary-7f3a";
    try {
      const text = await serializedProviderText();
      expect(text).not.toContain("api-key-canary-7f3a");
      expect(text).not.toMatch(/client_secret|secret-canary/);
      expect(text).not.toContain(process.cwd());
      expect(text).toContain('require("@qard-iac/pulumi-qard/runtime/v1")');
      // Reported by the benchmark too; a regression that captures a library would add hundreds of KB.
      console.info(`serialized provider: ${Buffer.byteLength(text)} bytes`);
      expect(Buffer.byteLength(text)).toBeLessThan(8 * 1024);
    } finally {
      delete process.env.QARD_API_KEY;
    }
  });
});
