/** The emulator's request rules, without a server. */
import { describe, expect, test } from "vitest";
import { CATALOGUE, type ProviderDefinition } from "../../emulator/catalogue.ts";
import {
  checkCredentialsBody,
  checkEnableBody,
  checkSettingsBody,
  credentialProblems,
} from "../../emulator/rules.ts";

function provider(name: string): ProviderDefinition {
  const definition = CATALOGUE.find((candidate) => candidate.name === name);
  if (definition === undefined) throw new Error(`no provider ${name}`);
  return definition;
}

describe("rules", () => {
  test("credentialProblems sorts missing, unexpected, mistyped and empty keys", () => {
    expect(credentialProblems(provider("paypal"), { is_sandbox: "false", client_id: "", extra: 1 })).toEqual({
      missing: ["client_secret"],
      unexpected: ["extra"],
      wrong_type: [{ key: "is_sandbox", expected: "boolean" }],
      empty: ["client_id"],
    });
  });

  test("checkCredentialsBody accepts the exact keys", () => {
    const body = { credentials: { is_sandbox: false, app_id: "a", app_secret: "b", oauth_secret: "c" } };
    expect(checkCredentialsBody(provider("square"), body)).toEqual({
      ok: true,
      credentials: body.credentials,
    });
  });

  test("checkSettingsBody refuses an array body", () => {
    expect(checkSettingsBody(provider("shopify"), [true]).ok).toBe(false);
  });

  test("checkEnableBody checks availability before credentials", () => {
    const check = checkEnableBody(
      provider("shopify"),
      { enabled: false, available: false, settings: {} },
      {
        enable: true,
      },
    );
    expect(check.ok ? undefined : check.error.code).toBe("PROVIDER_NOT_AVAILABLE");
  });
});
