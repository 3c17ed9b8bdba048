import { describe, expect, it } from "vitest";
import { MissingApiKeyError } from "../../providers/src/resource/connection.ts";
import { chooseApiKeySource } from "../../providers/src/resource/api-key-source.ts";
import { classifyLookupFailure } from "../../providers/src/resource/lookup-failure.ts";
import { QardApiError, QardAuthError, QardNetworkError } from "../../providers/src/qard/errors.ts";
import { withKeySourceOnRefusal } from "../../providers/src/resource/refused-key.ts";
import { StackConfigError } from "../../infra/stack-config.ts";
import { errorKindOf } from "../../workflows/drift/error-kind.ts";

// The messages the provider and the program really produce, as the engine relays them.
const settings = {
  baseUrl: "https://qard.example.invalid",
  apiUrlSetting: "qard:apiUrl",
  apiKeySetting: "qard:apiKey",
};
const answer = (status: number) => ({
  method: "GET",
  path: "/api/v6/providers",
  status,
  statusText: String(status),
  attempts: 1,
});

function reasonOf(error: unknown): string {
  const outcome = classifyLookupFailure(error, settings);
  return outcome.kind === "fail" ? outcome.reason : String(error);
}

async function refusedKeyMessage(): Promise<string> {
  const refusal = withKeySourceOnRefusal(
    { apiKey: "k" },
    () => Promise.reject(new QardAuthError(answer(401))),
    {},
  );
  return refusal.then(
    () => "",
    (error: unknown) => (error as Error).message,
  );
}

describe("errorKindOf, from the texts the library writes", () => {
  it("a config error: invalid stack config, no key, two key sources", () => {
    expect(errorKindOf(new StackConfigError("prod", ["qard:providers: must not be empty"]).message)).toBe(
      "config",
    );
    expect(errorKindOf(new MissingApiKeyError().message)).toBe("config");
    const twoSources = () => chooseApiKeySource({ apiKey: "a", apiKeySecretId: "b" }, {});
    expect(twoSources).toThrow();
    try {
      twoSources();
    } catch (error) {
      expect(errorKindOf((error as Error).message)).toBe("config");
    }
  });

  it("an authentication error: Qard refused the key", async () => {
    expect(errorKindOf(await refusedKeyMessage())).toBe("auth");
    expect(errorKindOf(reasonOf(new QardAuthError(answer(403))))).toBe("auth");
  });

  it("unreachable: the URL refuses connections", () => {
    const refused = new QardNetworkError({
      method: "GET",
      path: "/api/v6/providers",
      attempts: 3,
      kind: "refused",
      description: "connection refused",
    });
    expect(errorKindOf(reasonOf(refused))).toBe("unreachable");
  });

  it("a resource error: Qard answered an error for a provider", () => {
    expect(errorKindOf(`Qard provider "shopify": ${new QardApiError(answer(503)).message}`)).toBe("resource");
  });

  it("anything else is unknown (exit 1)", () => {
    expect(errorKindOf("something broke")).toBe("unknown");
  });
});
