/**
 * The client reads usual answers without zod (plain-answers.ts) and gives everything else to the schemas.
 * That is only the same client if a plain read never accepts what the schema refuses and never reads a
 * value differently: where it answers at all, it answers what the schema would.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../emulator/catalogue.ts";
import { providerJson } from "../../emulator/provider-json.ts";
import { plainPage, plainProviders } from "../../providers/src/qard/plain-answers.ts";
import { arrayOf, pageEnvelopeSchema, providerSchema } from "../../providers/src/qard/schemas.ts";
import { configurePropertyRuns } from "../helpers/property-runs.ts";
import { jsonValue } from "./arbitraries.ts";

configurePropertyRuns();

const PROVIDER_FIELDS = [
  ...["name", "enabled", "available", "auth_required", "unique", "logo_url", "settings"],
  ...["credentials_config", "data_types", "auto_connect", "__proto__", "constructor", "key"],
];

const nullable = <T>(value: fc.Arbitrary<T>) => fc.oneof(value, fc.constantFrom(null, undefined));

/** A name list in each shape Qard might use. */
const nameList = nullable(
  fc.oneof(
    fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
    fc.array(fc.record({ name: fc.string({ maxLength: 6 }) }), { maxLength: 2 }),
    fc.array(fc.record({ key: fc.string({ maxLength: 6 }) }), { maxLength: 2 }),
    fc.array(fc.record({ name: jsonValue([], 1), key: fc.string({ maxLength: 6 }) }), { maxLength: 2 }),
    fc.dictionary(fc.constantFrom("a", "b", "auto_connect", "__proto__", "toString"), jsonValue([], 1), {
      maxKeys: 3,
    }),
  ),
);

/** A provider as Qard would send it, every optional field present or not. */
const provider = fc.record(
  {
    name: fc.constantFrom("shopify", "a"),
    enabled: fc.boolean(),
    available: fc.boolean(),
    auth_required: nullable(fc.boolean()),
    unique: nullable(fc.boolean()),
    logo_url: nullable(fc.constantFrom("", "https://x.invalid/l.svg")),
    settings: nameList,
    credentials_config: nameList,
    data_types: nameList,
    auto_connect: fc.boolean(),
    a: fc.boolean(),
  },
  { requiredKeys: ["name", "enabled", "available"] },
);

/** Such a provider, often with one field (or a key objects already have) set to any JSON value. */
const providerLike = fc
  .tuple(provider, fc.option(fc.tuple(fc.constantFrom(...PROVIDER_FIELDS), jsonValue([], 1))))
  .map(([base, change]) => (change === null ? base : { ...base, [change[0]]: change[1] }));

/** As an answer arrives: parsed from JSON text, so `__proto__` is an own key like any other. */
const parsed = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? "null");

describe("reading a provider list without zod", () => {
  it("gives what the schema gives, or leaves the answer to the schema", () => {
    const list = fc.oneof(
      fc.array(providerLike, { maxLength: 3 }),
      fc.array(jsonValue(PROVIDER_FIELDS), { maxLength: 2 }),
    );
    fc.assert(
      fc.property(list, (generated) => {
        const values = parsed(generated) as unknown[];
        const plain = plainProviders(values);
        if (plain === undefined) return;
        const schema = arrayOf(providerSchema).safeParse(values);
        expect(schema.success).toBe(true);
        expect(plain).toStrictEqual(schema.data);
      }),
    );
  });

  it("reads every provider of the emulator's catalogue, enabled or not, without the schema", () => {
    const answers = CATALOGUE.flatMap((definition) =>
      [false, true].map((enabled) =>
        parsed(
          providerJson(definition, {
            enabled,
            available: true,
            settings: Object.fromEntries(definition.settings.map((name) => [name, enabled])),
          } as Parameters<typeof providerJson>[1]),
        ),
      ),
    );
    const plain = plainProviders(answers);
    expect(plain).toBeDefined();
    expect(plain).toStrictEqual(arrayOf(providerSchema).parse(answers));
  });

  it("reads the documented shapes without the schema: names as strings, as {name} or as a map", () => {
    const answers = parsed([
      {
        name: "a",
        enabled: true,
        available: true,
        settings: { auto_connect: true },
        credentials_config: [{ name: "client_id" }],
      },
      {
        name: "b",
        enabled: false,
        available: false,
        auth_required: null,
        logo_url: null,
        data_types: { X: 1 },
      },
    ]) as unknown[];
    expect(plainProviders(answers)).toStrictEqual(arrayOf(providerSchema).parse(answers));
  });
});

describe("reading a page envelope without zod", () => {
  it("gives the fields the client uses as the schema reads them, or leaves the answer to the schema", () => {
    const number = fc.oneof(fc.integer({ min: -2, max: 4 }), fc.double({ noNaN: true }), jsonValue([], 1));
    const envelope = fc.record(
      {
        result: fc.oneof(fc.array(jsonValue([], 1), { maxLength: 2 }), jsonValue([], 1)),
        current_page: nullable(number),
        last_page: nullable(number),
        total: nullable(number),
        per_page: nullable(number),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(envelope, jsonValue(["result", "last_page"])), (generated) => {
        const value = parsed(generated);
        const plain = plainPage(value);
        if (plain === undefined) return;
        const schema = pageEnvelopeSchema.safeParse(value);
        expect(schema.success).toBe(true);
        const { result, current_page: current, last_page: last } = schema.data ?? {};
        expect(plain.result).toStrictEqual(result);
        expect(plain.current_page).toBe(current);
        expect(plain.last_page).toBe(last);
      }),
    );
  });

  it("reads the emulator's envelope without the schema", () => {
    const value = parsed({ result: [{ name: "a" }], total: 51, per_page: 50, current_page: 1, last_page: 2 });
    expect(plainPage(value)).toStrictEqual({ result: [{ name: "a" }], current_page: 1, last_page: 2 });
  });
});
