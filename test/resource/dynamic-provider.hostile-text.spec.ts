/**
 * The serialized provider, as the engine runs it, when what it quotes is hostile: Qard's error messages
 * (from the emulator) and Secrets Manager's errors (moto) holding terminal escapes, OSC 8 links, CR and
 * workflow commands. The CLI prints the provider's errors and check failures as they are, so they must
 * leave the provider neutralised, still saying what went wrong.
 */
import { describe, expect, it, vi } from "vitest";
import type { ProviderInputs } from "@qard-iac/pulumi-qard/internal";
import { outputSafetyProblems } from "../helpers/output-safety.ts";
import { startProviderOnEmulator } from "../helpers/provider-fixture.ts";
import { startTestMoto } from "../helpers/test-moto.ts";

const HOSTILE =
  "\u001b]8;;https://evil.example\u0007Click\u001b]8;;\u0007 \u001b[2K\rOK\u0007\u009b31m\u202e" +
  "\n::error title=pwned::injected\n::add-mask::x";

// Secrets Manager's errors come from moto.
startTestMoto();
const { emulator, provider } = startProviderOnEmulator();

function expectSafeButTelling(text: string): void {
  expect(outputSafetyProblems(text)).toEqual([]);
  // Still there, visibly: the user sees what was answered.
  expect(text).toContain("\\u001b]8;;https://evil.example\\u0007Click");
}

const news = { providerName: "company_legal_fr", settings: { auto_connect: true }, enabled: true };

describe("the provider's errors quote hostile answers neutralised", () => {
  it("create: Qard's error message and code on a PUT", async () => {
    const inputs = (await provider.check({}, news)).inputs as ProviderInputs;
    emulator.control.addFault({
      method: "PUT",
      path: "/api/v6/providers/company_legal_fr/settings",
      status: 422,
      json: { error_message: HOSTILE, error_code: HOSTILE, error_details: { why: HOSTILE } },
    });
    const error = (await provider.create(inputs).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain("PUT /api/v6/providers/company_legal_fr/settings failed with 422");
    expectSafeButTelling(error.message);
  });

  it("check: Qard's error message in the warning when the provider list cannot be read", async () => {
    emulator.control.addFault({
      method: "GET",
      path: "/api/v6/providers",
      status: 400,
      json: { message: HOSTILE },
    });
    // Outside an engine, pulumi.log.warn writes to console.warn: what the CLI would print.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const { failures } = await provider.check({}, news);
      expect(failures).toEqual([]);
      const warnings = warn.mock.calls.map((call) => call.map(String).join(" ")).join("\n");
      expect(warnings).toContain("could not check whether it is already configured in Qard");
      expectSafeButTelling(warnings);
    } finally {
      warn.mockRestore();
    }
  });

  it("check: a Secrets Manager error about a secret whose name is hostile", async () => {
    const { failures = [] } = await provider.check(
      {},
      { providerName: "shopify", credentialsRef: { secretId: `qard/${HOSTILE}` }, enabled: true },
    );
    expect(failures.length).toBeGreaterThan(0);
    const text = failures.map((f) => `${f.property}: ${f.reason}`).join("\n");
    expect(text).toMatch(/secret/);
    expectSafeButTelling(text);
  });

  it("check: an input property whose name is hostile", async () => {
    const { failures = [] } = await provider.check({}, { ...news, [HOSTILE]: true });
    const text = failures.map((f) => `${f.property}: ${f.reason}`).join("\n");
    expect(text).toContain("is not a property of a Qard provider configuration");
    expectSafeButTelling(text);
  });
});
