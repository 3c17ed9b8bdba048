import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neutralizeOutput } from "../../providers/src/neutralize-output.ts";
import { configurePropertyRuns } from "../helpers/property-runs.ts";
import { hostileText, jsonValue } from "./arbitraries.ts";

configurePropertyRuns();

// What a terminal or a GitHub runner acts on: controls but tab and LF, format characters (bidi,
// zero-width), line separators, lone surrogates; and a line whose first non-blank text is a command.
const ACTIVE = /(?![\t\n])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const COMMAND_LINE = /^[^\S\n]*(::|##\[)/m;

const text = fc.oneof(hostileText, fc.string({ maxLength: 60 }));

describe("output neutralisation, any text", () => {
  it("leaves nothing a terminal or a runner would act on", () => {
    fc.assert(
      fc.property(text, (raw) => {
        const shown = neutralizeOutput(raw);
        expect(shown).not.toMatch(ACTIVE);
        expect(shown).not.toMatch(COMMAND_LINE);
      }),
    );
  });

  it("defuses a workflow command at the start of any line, after any blanks", () => {
    const line = fc.tuple(
      fc.constantFrom("", " ", "\t", "  \t"),
      fc.constantFrom("::error::", "::add-mask::", "::stop-commands::", "::", "##[error]", "##["),
      text,
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            line.map((parts) => parts.join("")),
            text,
          ),
          { minLength: 1, maxLength: 5 },
        ),
        (lines) => {
          expect(neutralizeOutput(lines.join("\n"))).not.toMatch(COMMAND_LINE);
        },
      ),
    );
  });

  it("is idempotent, so a second layer changes nothing", () => {
    fc.assert(
      fc.property(text, (raw) => {
        const once = neutralizeOutput(raw);
        expect(neutralizeOutput(once)).toBe(once);
      }),
    );
  });

  it("keeps printable text as it is, line breaks included", () => {
    fc.assert(
      fc.property(text, (raw) => {
        if (ACTIVE.test(raw) || COMMAND_LINE.test(raw)) return;
        expect(neutralizeOutput(raw)).toBe(raw);
      }),
    );
  });

  it("keeps JSON output JSON with the same value (a report printed with --json)", () => {
    const hostileJson = fc.oneof(jsonValue(), fc.dictionary(hostileText, fc.oneof(hostileText, jsonValue())));
    fc.assert(
      fc.property(hostileJson, fc.constantFrom(undefined, 2), (value, indent) => {
        const printed = JSON.stringify(value, null, indent);
        expect(JSON.parse(neutralizeOutput(printed))).toEqual(JSON.parse(printed));
      }),
    );
  });
});
