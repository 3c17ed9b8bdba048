import type { z } from "zod";
import { QardResponseError } from "./errors.ts";

export interface AnswerOrigin {
  method: string;
  path: string;
}

type PathKey = PropertyKey;

/**
 * Validates a 2xx answer against its schema, or throws a QardResponseError naming the first bad field and
 * what it should be. Values received are never quoted: an answer could carry data that should not be logged.
 */
export function parseAnswer<S extends z.ZodType>(
  schema: S,
  value: unknown,
  origin: AnswerOrigin,
  pathPrefix: readonly PathKey[] = [],
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const first = issues[0];
  const problem = first ? describeIssue(first, value, pathPrefix) : "answer does not have the expected shape";
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  throw new QardResponseError(origin.method, origin.path, `${problem}${more}`);
}

interface IssueLike {
  code: string;
  path: readonly PathKey[];
  message: string;
  expected?: unknown;
  values?: readonly unknown[];
  errors?: readonly (readonly IssueLike[])[];
}

/** One zod issue as "field `a.b` must be a boolean". `root` is the parsed value, to tell missing from wrong. */
export function describeIssue(issue: IssueLike, root: unknown, pathPrefix: readonly PathKey[] = []): string {
  const intended = intendedBranch(issue);
  if (intended) return describeIssue(intended, root, pathPrefix);
  const path = [...pathPrefix, ...issue.path];
  const subject = path.length === 0 ? "answer" : `field \`${formatPath(path)}\``;
  const missing = path.length > 0 && valueAt(root, issue.path) === undefined;
  return `${subject} ${expectation(issue, missing)}`;
}

/**
 * A union fails in every branch. When one branch got further into the value than the others, that is the
 * shape the answer was meant to have: report its issue, at its full path.
 */
function intendedBranch(issue: IssueLike): IssueLike | undefined {
  if (issue.code !== "invalid_union") return undefined;
  const firsts = unionBranches(issue);
  const deepest = firsts.reduce<IssueLike | undefined>(
    (a, b) => (a === undefined || b.path.length > a.path.length ? b : a),
    undefined,
  );
  if (deepest === undefined || deepest.path.length === 0) return undefined;
  return { ...deepest, path: [...issue.path, ...deepest.path] };
}

function unionBranches(issue: IssueLike): IssueLike[] {
  return (issue.errors ?? []).map((branch) => branch[0]).filter((b) => b !== undefined);
}

function expectation(issue: IssueLike, missing: boolean): string {
  switch (issue.code) {
    case "invalid_type":
      return wanted(withArticle(typeName(issue.expected)), missing);
    case "invalid_value": {
      const options = (issue.values ?? []).map((v) => JSON.stringify(v)).join(", ");
      return wanted(`one of ${options}`, missing);
    }
    case "invalid_union": {
      // Every branch failed on the value itself: list what each would have accepted.
      const kinds = unionBranches(issue)
        .filter((b) => b.code === "invalid_type")
        .map((b) => withArticle(typeName(b.expected)));
      return kinds.length === 0
        ? "has an unexpected shape"
        : wanted([...new Set(kinds)].join(" or "), missing);
    }
    case "too_small":
      return "must not be empty";
    default:
      return `is invalid (${issue.message})`;
  }
}

function wanted(what: string, missing: boolean): string {
  return missing ? `is missing (expected ${what})` : `must be ${what}`;
}

function typeName(expected: unknown): string {
  if (expected === "record") return "object";
  if (expected === "int") return "integer";
  return typeof expected === "string" ? expected : "value of another type";
}

function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** `result[2].enabled` */
export function formatPath(path: readonly PathKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
