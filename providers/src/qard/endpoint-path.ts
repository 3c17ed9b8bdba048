import { identifierProblem } from "../identifier.ts";
import { QardIdentifierError } from "./errors.ts";

/** Every endpoint of Qard's API v6 lives under this path, after the client's base URL. */
export const API = "/api/v6";

/**
 * A path segment from a caller's value: an identifier (identifier.ts), so it is exactly one segment and
 * cannot name another endpoint; refused before any request otherwise. Encoded all the same, so the path
 * stays one segment even if the rule is ever widened.
 */
export function segment(value: string, role: string): string {
  return encodeURIComponent(requireIdentifier(value, role));
}

/** `value` when it is an identifier; a QardIdentifierError naming its `role` otherwise (before any request). */
export function requireIdentifier(value: string, role: string): string {
  const problem = identifierProblem(value);
  if (problem !== undefined) throw new QardIdentifierError(role, value, problem);
  return value;
}
