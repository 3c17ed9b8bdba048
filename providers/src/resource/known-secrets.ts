import { createRedactor } from "../qard/redact.ts";
import { isRecord } from "../is-record.ts";

/**
 * Every secret value this provider process has handled: the API key, credential values from inputs and
 * the payloads read from Secrets Manager. Anything the runtime throws or prints is scrubbed of all of them,
 * whichever call produced it: Qard may quote the client_secret of one request in the error of another.
 */
const known = new Set<string>();

// Shorter values would scrub ordinary words and numbers out of messages; a credential that short is not
// a secret worth the name.
const MIN_LENGTH = 4;

/** Text taken from elsewhere (Qard's answers above all) is cut to this many characters. */
export const MAX_MESSAGE_LENGTH = 2_000;

/** Records the string values inside `value` (a credential object, a payload, a key) as secrets. */
export function rememberSecrets(value: unknown): void {
  if (typeof value === "string") {
    if (value.trim().length >= MIN_LENGTH) known.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) rememberSecrets(item);
  } else if (isRecord(value)) {
    for (const item of Object.values(value)) rememberSecrets(item);
  }
}

/** Scrubs every known secret from `text`, then caps its length. */
export function redactKnownSecrets(text: string): string {
  const redacted = createRedactor([...known])(text);
  return redacted.length > MAX_MESSAGE_LENGTH
    ? `${redacted.slice(0, MAX_MESSAGE_LENGTH)}… (${redacted.length - MAX_MESSAGE_LENGTH} more characters cut)`
    : redacted;
}
