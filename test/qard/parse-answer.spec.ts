import { describe, expect, it } from "vitest";
import { z } from "zod";
import { QardResponseError } from "../../providers/src/qard/index.ts";
import { formatPath, parseAnswer } from "../../providers/src/qard/parse-answer.ts";
import { providerSchema, syncStatusSchema } from "../../providers/src/qard/schemas.ts";
import { PROVIDER_JSON } from "./helpers/fake-fetch.ts";

const origin = { method: "GET", path: "/api/v6/providers/shopify" };

function problemOf(schema: z.ZodType, value: unknown, prefix: (string | number)[] = []): string {
  try {
    parseAnswer(schema, value, origin, prefix);
  } catch (error) {
    expect(error).toBeInstanceOf(QardResponseError);
    return (error as Error).message;
  }
  throw new Error("expected a QardResponseError");
}

describe("parseAnswer", () => {
  it("names the field and the expected type", () => {
    expect(problemOf(providerSchema, { ...PROVIDER_JSON, enabled: "yes" })).toBe(
      "GET /api/v6/providers/shopify: field `enabled` must be a boolean",
    );
  });

  it("tells a missing field from a wrong one", () => {
    const { available: _available, ...withoutAvailable } = PROVIDER_JSON;
    expect(problemOf(providerSchema, withoutAvailable)).toBe(
      "GET /api/v6/providers/shopify: field `available` is missing (expected a boolean)",
    );
  });

  it("describes the whole answer when it is not an object", () => {
    expect(problemOf(providerSchema, [PROVIDER_JSON])).toBe(
      "GET /api/v6/providers/shopify: answer must be an object",
    );
  });

  it("gives the allowed values of an enumeration", () => {
    const sync = { id: "s1", data_type: "COMMERCE_ORDER", provider_name: "shopify", status: "DONE" };
    expect(problemOf(syncStatusSchema, sync)).toMatch(
      /field `status` must be one of "QUEUED", "FETCHING", .*"SUCCESS"/,
    );
  });

  it("lists the alternatives of a union that failed on the value itself", () => {
    expect(problemOf(providerSchema, { ...PROVIDER_JSON, credentials_config: 5 })).toMatch(
      /field `credentials_config` must be an array or an object/,
    );
    expect(problemOf(syncStatusSchema, { data_type: "X", provider_name: "p", status: "QUEUED" })).toMatch(
      /field `id` is missing \(expected a string or a number\)/,
    );
  });

  it("follows the branch that got furthest, at its full path", () => {
    expect(problemOf(providerSchema, { ...PROVIDER_JSON, data_types: ["A", 7] })).toMatch(
      /field `data_types\[1\]` must be a string/,
    );
  });

  it("prefixes the path, e.g. inside an envelope, and counts further problems", () => {
    const items = [PROVIDER_JSON, { ...PROVIDER_JSON, enabled: 1, available: "no" }];
    expect(problemOf(z.array(providerSchema), items, ["result"])).toBe(
      "GET /api/v6/providers/shopify: field `result[1].enabled` must be a boolean (and 1 more problem)",
    );
  });

  it("never quotes the value received", () => {
    expect(problemOf(providerSchema, { ...PROVIDER_JSON, name: 12345678 })).not.toContain("12345678");
  });
});

describe("formatPath", () => {
  it("joins keys with dots and indexes with brackets", () => {
    expect(formatPath(["result", 2, "settings", "auto_connect"])).toBe("result[2].settings.auto_connect");
    expect(formatPath([0, "id"])).toBe("[0].id");
  });
});
