import { neutralizeOutput } from "./neutralize-output.ts";
import { isPrototypeKey } from "./prototype-keys.ts";

// The one rule for a name that goes into a Qard API path (a provider name, a user id, a data connection
// id) or names an entry of a config map. Letters, digits, `_` and `-` need no escaping in a URL, so the
// name is exactly one path segment: no `/`, no `%` (an encoded `.` or `/` may be decoded on the way),
// and no `.` or `..`, which encodeURIComponent keeps and the URL parser then resolves as a directory.
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export const IDENTIFIER_HINT = `1 to 128 letters, digits, "_" or "-", starting with a letter or digit`;

/** Why `value` is not an identifier, or undefined when it is one. Does not quote the value. */
export function identifierProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return `must be a string (${IDENTIFIER_HINT})`;
  if (!IDENTIFIER_PATTERN.test(value)) return `must be ${IDENTIFIER_HINT}`;
  if (isPrototypeKey(value)) return "is a name JavaScript objects already have, refused as an identifier";
  return undefined;
}

export function isIdentifier(value: unknown): value is string {
  return identifierProblem(value) === undefined;
}

/** A refused value for a message: quoted, cut to 60 characters, nothing in it printed raw. */
export function quoteRefused(value: unknown): string {
  if (typeof value !== "string") return value === null ? "null" : typeof value;
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return neutralizeOutput(JSON.stringify(shown));
}
