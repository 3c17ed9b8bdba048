import { describe, expect, it } from "vitest";
import {
  MAX_MESSAGE_LENGTH,
  redactKnownSecrets,
  rememberSecrets,
} from "../../providers/src/resource/known-secrets.ts";

describe("redactKnownSecrets", () => {
  it("scrubs every remembered secret, raw and as JSON-, URL- and PHP-escaped echoes", () => {
    rememberSecrets({ client_id: "known-id-1", client_secret: 's/é"cret-2', is_sandbox: true });
    const echo = [
      'raw s/é"cret-2',
      'json s/é\\"cret-2',
      `url ${encodeURIComponent('s/é"cret-2')}`,
      'php s\\/\\u00e9\\"cret-2',
      "id known-id-1",
    ].join(" | ");
    const out = redactKnownSecrets(echo);
    expect(out).toBe("raw [REDACTED] | json [REDACTED] | url [REDACTED] | php [REDACTED] | id [REDACTED]");
  });

  it("leaves values too short to be secrets alone, so ordinary text stays readable", () => {
    rememberSecrets(["abc", "   "]);
    expect(redactKnownSecrets("abc is fine")).toBe("abc is fine");
  });

  it("cuts text taken from elsewhere to a bounded length, saying how much was cut", () => {
    const out = redactKnownSecrets("x".repeat(MAX_MESSAGE_LENGTH + 500));
    expect(out.startsWith("x".repeat(MAX_MESSAGE_LENGTH))).toBe(true);
    expect(out).toContain("500 more characters cut");
    expect(out.length).toBeLessThan(MAX_MESSAGE_LENGTH + 50);
  });
});
