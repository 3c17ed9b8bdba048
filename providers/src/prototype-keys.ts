// Config maps are keyed by names the user chooses (providers, settings, credential keys, tags). Read as
// plain objects, a name that Object.prototype already has misbehaves: JSON and YAML parsers keep
// `__proto__` as an own key, but zod's records drop it and `obj[key] = value` sets the prototype instead;
// `obj["constructor"]` finds a function where no entry exists. Such names are refused where config enters,
// so every later lookup in the library and the repo's layers can treat keys as ordinary strings.

/** True for a name every plain object already has (`__proto__`, `constructor`, `toString`…). */
export function isPrototypeKey(key: string): boolean {
  return Object.hasOwn(Object.prototype, key);
}

/** The reason shown next to such a key (its path is named by the caller). */
export const PROTOTYPE_KEY_REASON =
  "is a name JavaScript objects already have (like __proto__, constructor or toString) and is refused: rename it";

/**
 * The path of every own key, at any depth of a JSON-like value, that is a prototype key; empty when none.
 * Arrays are walked (their indexes are never such keys).
 */
export function prototypeKeyPaths(value: unknown, at: readonly string[] = []): string[][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => prototypeKeyPaths(item, [...at, String(index)]));
  }
  if (value === null || typeof value !== "object") return [];
  const paths: string[][] = [];
  // Object.keys, not for…in: own keys only, and an own `__proto__` from a parser is listed.
  for (const key of Object.keys(value)) {
    if (isPrototypeKey(key)) paths.push([...at, key]);
    else paths.push(...prototypeKeyPaths((value as Record<string, unknown>)[key], [...at, key]));
  }
  return paths;
}

/** `record[key]` if the record has that key itself; never a value inherited from Object.prototype. */
export function ownValue(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
