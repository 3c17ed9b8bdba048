import { isRecord } from "../is-record.ts";
export const REDACTED = "[REDACTED]";

/** Replaces secrets in text; applied to anything Qard sends back before it reaches an error or a hook. */
export type Redactor = (text: string) => string;

/**
 * Builds a redactor for the values a request carried. Qard may echo what it received (an error message
 * quoting a rejected client_secret), so the client, which knows what it sent, scrubs those values from the
 * answer. Besides the raw value, every spelling an echo may use is scrubbed (see spellingsOf).
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret === "") continue;
    for (const spelling of spellingsOf(secret)) needles.add(spelling);
  }
  // Longest first: a secret that contains another must be replaced whole, not leave its remainder behind.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const needle of ordered) out = out.split(needle).join(REDACTED);
    return out;
  };
}

/**
 * A secret as an echo may spell it: raw, JSON-escaped, URL-encoded, and as PHP's json_encode (the likely
 * server side) writes it, which also escapes "/" and every non-ASCII character.
 */
export function spellingsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const php = json
    .replace(/\//g, "\\/")
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return [...new Set([secret, json, encodeURIComponent(secret), php])];
}

/** Redacts every string (keys included) inside a JSON-like value, e.g. Qard's `error_details`. */
export function redactDeep(value: unknown, redact: Redactor): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[redact(key)] = redactDeep(item, redact);
    return out;
  }
  return value;
}
