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

/**
 * Text as an attacker or a broken server would send it: any code point, lone surrogates, the controls
 * terminals obey (ESC, CSI, OSC 8, CR, BEL), bidi and zero-width characters, and workflow-command starts.
 */
export const hostileText: fc.Arbitrary<string> = fc.string({
  maxLength: 40,
  unit: fc.oneof(
    fc.constantFrom(
      "\u001b[31m",
      "\u001b]8;;https://example.invalid\u0007",
      "\u009b",
      "\r",
      "\n",
      "\t",
      "\u0007",
      "\u202e",
      "\u200b",
      "\ufeff",
      "\u2028",
      "::",
      "::error::",
      "::add-mask::",
      "##[",
      " ",
      "/",
      ".",
      "%2e",
      "\\",
    ),
    fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
    fc.constantFrom("a", "Z", "0", "_", "-"),
  ),
});
