import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { credentialPayloadProblems } from "../../providers/src/resource/credential-keys.ts";
import { parseJsonObject } from "../../providers/src/secrets/secrets-manager.ts";
import { SecretSourceError } from "../../providers/src/secrets/secret-source-error.ts";
import { configurePropertyRuns } from "../helpers/property-runs.ts";
import { CANARY, jsonValue } from "./arbitraries.ts";

configurePropertyRuns();

const CREDENTIAL_KEYS = ["client_id", "client_secret", "is_sandbox"];

/** What a Secrets Manager secret could hold: JSON of any shape, or text that only starts like JSON. */
const payloadText = fc.oneof(
  jsonValue(CREDENTIAL_KEYS).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 30 }).map((text) => `${CANARY}${text}`),
  fc.string({ maxLength: 30 }).map((text) => `{"client_secret": "${CANARY}"${text}`),
);

describe("a secret's payload, any text", () => {
  it("parses to a JSON object, or fails with a SecretSourceError that quotes nothing of it", () => {
    fc.assert(
      fc.property(payloadText, (text) => {
        let parsed: unknown;
        try {
          parsed = parseJsonObject("qard/dev/shopify", "v1", text);
        } catch (error) {
          expect(error).toBeInstanceOf(SecretSourceError);
          expect((error as Error).message).toContain('secret "qard/dev/shopify"');
          expect((error as Error).message).not.toContain(CANARY);
          return;
        }
        expect(parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)).toBe(true);
      }),
    );
  });

  it("its problems before a write name keys and types, never a value", () => {
    const expected = fc.oneof(
      fc.constant(undefined),
      fc.constant(["client_id", "client_secret"]),
      fc.constant({ is_sandbox: "boolean", client_id: "string", client_secret: "string" } as const),
    );
    const given = fc.dictionary(fc.constantFrom(...CREDENTIAL_KEYS, "other"), jsonValue(CREDENTIAL_KEYS, 1));
    fc.assert(
      fc.property(expected, given, (keys, payload) => {
        const problems = credentialPayloadProblems(keys, payload);
        for (const problem of problems) expect(problem).not.toContain(CANARY);
        const usable = Object.values(payload).every(
          (value) => typeof value === "boolean" || (typeof value === "string" && value.trim() !== ""),
        );
        // Without an expected list, the payload is fine exactly when each value is a usable credential.
        if (keys === undefined) expect(problems.length === 0).toBe(usable);
      }),
    );
  });
});
