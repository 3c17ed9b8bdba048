import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { identifierProblem, isIdentifier } from "../../providers/src/identifier.ts";
import { isPrototypeKey } from "../../providers/src/prototype-keys.ts";
import { neutralizeOutput } from "../../providers/src/neutralize-output.ts";
import { isProviderName } from "../../providers/src/provider-name.ts";
import { configurePropertyRuns } from "../helpers/property-runs.ts";
import { hostileText } from "./arbitraries.ts";

configurePropertyRuns();

const BASE = "https://qard.example.invalid/api/v6/providers/";

/** Where `name` lands when put in a path as the client does: the one segment after the base, or undefined. */
function segmentAfterBase(name: string): string | undefined {
  // encodeURIComponent throws on a lone surrogate: such a name has no segment at all.
  if (/\p{Cs}/u.test(name)) return undefined;
  const url = new URL(`${BASE}${encodeURIComponent(name)}/credentials`);
  if (!url.pathname.startsWith("/api/v6/providers/") || !url.pathname.endsWith("/credentials"))
    return undefined;
  const middle = url.pathname.slice("/api/v6/providers/".length, -"/credentials".length);
  return middle.includes("/") ? undefined : decodeURIComponent(middle);
}

/** A string the rule's own alphabet would make, to exercise the accepted side too. */
const plausible = fc.string({
  minLength: 1,
  maxLength: 130,
  unit: fc.constantFrom(..."abcXYZ019_-"),
});
const anyName = fc.oneof(plausible, hostileText, fc.constantFrom(".", "..", "constructor", "__proto__", ""));

describe("identifiers (provider and account names, user and connection ids), any string", () => {
  it("accepted ⇒ exactly one path segment that decodes to itself, printable, and no prototype key", () => {
    fc.assert(
      fc.property(anyName, (name) => {
        if (!isIdentifier(name)) return;
        expect(segmentAfterBase(name)).toBe(name);
        expect(neutralizeOutput(name)).toBe(name);
        expect(isPrototypeKey(name)).toBe(false);
        expect(name.length).toBeLessThanOrEqual(128);
      }),
    );
  });

  it("not one segment that decodes to itself, or not printable ⇒ refused, with a reason that does not quote it", () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const unsafe = segmentAfterBase(name) !== name || name === "." || name === "..";
        const unprintable = neutralizeOutput(name) !== name || /^\s*(::|##\[)/m.test(name);
        if (!unsafe && !unprintable && name !== "") return;
        const problem = identifierProblem(name);
        expect(problem).toBeDefined();
        if (name.length > 2) expect(problem).not.toContain(name);
      }),
    );
  });

  it("a provider name is an identifier in lower case", () => {
    fc.assert(
      fc.property(anyName, (name) => {
        expect(isProviderName(name)).toBe(isIdentifier(name) && name === name.toLowerCase());
      }),
    );
  });
});
