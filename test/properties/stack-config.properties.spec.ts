import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStackConfig, StackConfigError, type RawStackConfig } from "../../infra/stack-config.ts";
import { configurePropertyRuns } from "../helpers/property-runs.ts";
import { CANARY, jsonValue } from "./arbitraries.ts";

configurePropertyRuns();

// Words the parser recognises, so random configs often get past the first level and reach deep rules.
const KNOWN_KEYS = [
  "shopify",
  "company_legal_fr",
  "enabled",
  "autoConnect",
  "settings",
  "auto_connect",
  "credentials",
  "secretsManager",
  "secretId",
  "region",
  "versionStage",
  "client_id",
  "client_secret",
  "retainOnDelete",
  "protect",
  "adopt",
];

const anyValue = jsonValue(KNOWN_KEYS);

/** A `qard:providers` value shaped like the real thing, with random holes and random leaves. */
const nearValidProviders = fc.dictionary(
  fc.oneof(fc.constantFrom("shopify", "company_legal_fr", "sandbox_public"), fc.string({ maxLength: 10 })),
  fc.oneof(
    fc.record(
      {
        enabled: fc.oneof(fc.boolean(), anyValue),
        autoConnect: fc.oneof(fc.boolean(), anyValue),
        settings: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.boolean()), anyValue),
        credentials: fc.oneof(
          fc.dictionary(fc.constantFrom("client_id", "client_secret", "is_sandbox"), anyValue),
          fc.record({ secretsManager: anyValue }),
        ),
        retainOnDelete: anyValue,
        adopt: fc.oneof(fc.boolean(), anyValue),
      },
      { requiredKeys: [] },
    ),
    anyValue,
  ),
  { minKeys: 1, maxKeys: 3 },
);

/** A config the parser should accept, most of the time: the other half of the input space. */
const plausibleProviders = fc.dictionary(
  fc.constantFrom("shopify", "company_legal_fr", "sandbox_public", "comply_cube"),
  fc.record(
    {
      enabled: fc.boolean(),
      autoConnect: fc.boolean(),
      settings: fc.dictionary(fc.constantFrom("officers_check", "background_check"), fc.boolean()),
      credentials: fc.oneof(
        fc.record({ client_id: fc.constant(CANARY), client_secret: fc.constant(`${CANARY}-2`) }),
        fc.record({ secretsManager: fc.record({ secretId: fc.constantFrom("qard/dev/shopify", CANARY) }) }),
      ),
      protect: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  { minKeys: 1, maxKeys: 3 },
);

const rawConfig: fc.Arbitrary<RawStackConfig> = fc.record(
  {
    apiUrl: fc.oneof(fc.constantFrom("https://api.qardfinance.com", "http://127.0.0.1:1"), anyValue),
    providers: fc.oneof(plausibleProviders, nearValidProviders, anyValue),
    manageSecrets: fc.oneof(fc.boolean(), anyValue),
    secretsKmsKeyId: anyValue,
    secretTags: fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })), anyValue),
  },
  { requiredKeys: [] },
);

/** The outcome of parsing: the config, or the thrown error (anything at all). */
function outcomeOf(raw: RawStackConfig): { config?: unknown; error?: unknown } {
  try {
    return { config: parseStackConfig("dev", raw) };
  } catch (error) {
    return { error };
  }
}

describe("stack config, any JSON value per key", () => {
  it("is accepted, or refused with a StackConfigError whose every problem names a qard: key", () => {
    fc.assert(
      fc.property(rawConfig, (raw) => {
        const { error } = outcomeOf(raw);
        if (error === undefined) return;
        expect(error).toBeInstanceOf(StackConfigError);
        const problems = (error as StackConfigError).problems;
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) expect(problem).toMatch(/^qard:[A-Za-z]/);
      }),
    );
  });

  it("never quotes a value it was given: a planted secret is not in the message", () => {
    fc.assert(
      fc.property(rawConfig, (raw) => {
        const { error } = outcomeOf(raw);
        if (error instanceof Error) expect(error.message).not.toContain(CANARY);
      }),
    );
  });

  it("an accepted config has exactly the declared providers, each with boolean settings", () => {
    let accepted = 0;
    fc.assert(
      fc.property(rawConfig, (raw) => {
        const { config } = outcomeOf(raw);
        if (config === undefined) return;
        accepted += 1;
        const parsed = config as ReturnType<typeof parseStackConfig>;
        expect(Object.keys(parsed.providers).sort()).toEqual(Object.keys(raw.providers as object).sort());
        for (const provider of Object.values(parsed.providers)) {
          expect(typeof provider.enabled).toBe("boolean");
          for (const value of Object.values(provider.settings)) expect(typeof value).toBe("boolean");
        }
      }),
    );
    // The generator must reach valid configs too, or this property says nothing.
    expect(accepted).toBeGreaterThan(0);
  });
});
