import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "../../providers/src/qard/index.ts";
import { redactDeep } from "../../providers/src/qard/redact.ts";

describe("createRedactor", () => {
  it("replaces every occurrence of every secret", () => {
    const redact = createRedactor(["s3cr3t", "k3y"]);
    expect(redact("bad s3cr3t, s3cr3t again, and k3y")).toBe(
      `bad ${REDACTED}, ${REDACTED} again, and ${REDACTED}`,
    );
  });

  it("replaces the longer secret whole when one contains another", () => {
    const redact = createRedactor(["abc", "abcdef"]);
    expect(redact("value abcdef")).toBe(`value ${REDACTED}`);
  });

  it("also catches the JSON-escaped and URL-encoded spellings", () => {
    const secret = 'pa"ss/w ord\\';
    const redact = createRedactor([secret]);
    expect(redact(`echo ${JSON.stringify(secret)}`)).toBe(`echo "${REDACTED}"`);
    expect(redact(`?q=${encodeURIComponent(secret)}`)).toBe(`?q=${REDACTED}`);
  });

  it("also catches the spelling of PHP's json_encode: escaped slashes and non-ASCII characters", () => {
    const secret = "ab/cd-sécret";
    const redact = createRedactor([secret]);
    expect(redact('{"client_secret":"ab\\/cd-s\\u00e9cret"}')).toBe(`{"client_secret":"${REDACTED}"}`);
  });

  it("ignores empty secrets", () => {
    expect(createRedactor([""])("unchanged")).toBe("unchanged");
  });
});

describe("redactDeep", () => {
  it("redacts strings and keys at any depth, leaving other values alone", () => {
    const redact = createRedactor(["s3cr3t"]);
    expect(redactDeep({ a: ["x s3cr3t", 3, true, null], s3cr3t: { b: "s3cr3t" } }, redact)).toEqual({
      a: [`x ${REDACTED}`, 3, true, null],
      [REDACTED]: { b: REDACTED },
    });
  });
});
