import type { CredentialType } from "../catalogue.ts";
import { credentialValueProblem } from "../credential-value.ts";
import { ownValue } from "../prototype-keys.ts";

/**
 * Compares a credential object with the keys a provider expects. Returns problems that name keys and
 * types only, never values, so they can be shown anywhere.
 */
export function credentialKeyProblems(
  expected: Readonly<Record<string, CredentialType>> | readonly string[],
  given: Readonly<Record<string, unknown>>,
): string[] {
  const types: Record<string, CredentialType | undefined> = Array.isArray(expected)
    ? Object.fromEntries(expected.map((key: string) => [key, undefined]))
    : { ...(expected as Record<string, CredentialType>) };
  const expectedKeys = Object.keys(types);
  const givenKeys = Object.keys(given);
  const problems: string[] = [];
  const missing = expectedKeys.filter((key) => !givenKeys.includes(key));
  const extra = givenKeys.filter((key) => !expectedKeys.includes(key));
  if (missing.length > 0) problems.push(`missing key${plural(missing)} ${list(missing)}`);
  if (extra.length > 0) {
    problems.push(
      expectedKeys.length === 0
        ? `this provider takes no credentials, got ${list(extra)}`
        : `unexpected key${plural(extra)} ${list(extra)} (expected ${list(expectedKeys)})`,
    );
  }
  for (const key of givenKeys) {
    const type = ownValue(types, key) as CredentialType | undefined;
    const value = given[key];
    if (type !== undefined && typeof value !== type) {
      problems.push(`key "${key}" must be a ${type}, got a ${value === null ? "null" : typeof value}`);
    } else if (type === undefined && typeof value !== "string" && typeof value !== "boolean") {
      problems.push(`key "${key}" must be a string or a boolean`);
    }
  }
  return problems;
}

function list(keys: readonly string[]): string {
  return keys.map((key) => `"${key}"`).join(", ");
}

function plural(keys: readonly string[]): string {
  return keys.length === 1 ? "" : "s";
}

/** The keys whose value is an empty or whitespace-only string. */
export function blankCredentialKeys(given: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(given)
    .filter(([, value]) => credentialValueProblem(value) === "blank")
    .map(([key]) => key);
}

/**
 * Every problem of a credential payload about to be sent (by value or read from Secrets Manager): the
 * expected keys and types when known, string-or-boolean values otherwise, and no blank value. Names keys
 * and types only.
 */
export function credentialPayloadProblems(
  expected: Readonly<Record<string, CredentialType>> | readonly string[] | undefined,
  given: Readonly<Record<string, unknown>>,
): string[] {
  const problems = expected ? credentialKeyProblems(expected, given) : untypedValueProblems(given);
  problems.push(...blankCredentialKeys(given).map((key) => `key "${key}" is empty`));
  return problems;
}

function untypedValueProblems(given: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(given)
    .filter(([, value]) => credentialValueProblem(value) === "not-string-or-boolean")
    .map(([key]) => `key "${key}" must be a string or a boolean`);
}
