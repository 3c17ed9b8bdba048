/** Generators shared by the property tests: JSON values that may carry a planted secret at any leaf. */
import fc from "fast-check";

/** A value no message may ever quote; planted wherever a secret could be (leaves, never keys). */
export const CANARY = "s3cr3t-canary-Zq9";

/** A key of a JSON object: any string, and often one a program would recognise. */
export function jsonKey(known: readonly string[] = []): fc.Arbitrary<string> {
  const any = fc.string({ maxLength: 12 });
  return known.length === 0 ? any : fc.oneof(fc.constantFrom(...known), any);
}

/** Any JSON leaf, with the canary among the strings. */
export const jsonLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(CANARY),
  fc.string({ maxLength: 16 }),
  fc.boolean(),
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value up to a small depth, keys drawn from `known` half of the time. */
export function jsonValue(known: readonly string[] = [], maxDepth = 3): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { maxDepth, depthIdentifier: "json" },
      jsonLeaf,
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(jsonKey(known), tie("value"), { maxKeys: 4 }),
    ),
  }));
  return value;
}
