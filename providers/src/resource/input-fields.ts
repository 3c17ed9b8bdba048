/**
 * The rule of each input property of a Qard provider configuration, as small pure functions.
 *
 * Plain code rather than a schema library: `check` runs in every preview, in a fresh provider process that
 * loads the runtime first, and this keeps that load small (the HTTP client and its answer schemas are only
 * loaded when Qard is called). A reason never quotes a value: credentials pass through here.
 */

export type FieldResult = { ok: true; value: unknown } | { ok: false; reason: string };
export type FieldRule = (value: unknown) => FieldResult;

/** Qard's technical provider names, as used in its paths: shopify, sandbox_public, company_legal_fr. */
export const PROVIDER_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

const accept = (value: unknown): FieldResult => ({ ok: true, value });
const refuse = (reason: string): FieldResult => ({ ok: false, reason });

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Problems of an object's entries as `key: reason`, all of them, in the object's order. */
function entryProblems(
  entries: Record<string, unknown>,
  problemOf: (value: unknown) => string | undefined,
): string[] {
  return Object.entries(entries).flatMap(([key, value]) => {
    const problem = problemOf(value);
    return problem === undefined ? [] : [`${key}: ${problem}`];
  });
}

function outcome(value: unknown, problems: string[]): FieldResult {
  return problems.length === 0 ? accept(value) : refuse(problems.join("; "));
}

const booleanField =
  (reason: string): FieldRule =>
  (value) =>
    typeof value === "boolean" ? accept(value) : refuse(reason);

export const providerName: FieldRule = (value) =>
  typeof value === "string" && PROVIDER_NAME_PATTERN.test(value)
    ? accept(value)
    : refuse("must be a Qard provider's technical name, like shopify or sandbox_public");

export const credentials: FieldRule = (value) => {
  if (!isPlainObject(value)) return refuse("must be an object of credential keys to strings or booleans");
  return outcome(
    value,
    entryProblems(value, (entry) => {
      if (typeof entry === "boolean") return undefined;
      if (typeof entry !== "string") return "must be a string or a boolean";
      return entry.trim() === "" ? "must not be empty or whitespace" : undefined;
    }),
  );
};

const REFERENCE_KEYS = ["secretId", "region", "versionStage"];

export const credentialsRef: FieldRule = (value) => {
  if (!isPlainObject(value)) return refuse("must be an object: { secretId, region?, versionStage? }");
  const problems = Object.keys(value)
    .filter((key) => !REFERENCE_KEYS.includes(key))
    .map((key) => `unknown key "${key}" (accepted: ${REFERENCE_KEYS.join(", ")})`);
  if (typeof value.secretId !== "string" || value.secretId === "") {
    problems.push("secretId: must name a Secrets Manager secret (name or ARN)");
  }
  for (const key of ["region", "versionStage"]) {
    const optional = value[key];
    if (optional !== undefined && (typeof optional !== "string" || optional === "")) {
      problems.push(`${key}: must be a non-empty string when given`);
    }
  }
  return outcome(value, problems);
};

export const settings: FieldRule = (value) => {
  if (!isPlainObject(value)) return refuse("must be an object of setting names to booleans");
  return outcome(
    value,
    entryProblems(value, (entry) =>
      typeof entry === "boolean" ? undefined : "every setting must be a boolean",
    ),
  );
};

export const schemaVersion: FieldRule = (value) =>
  typeof value === "number" && Number.isInteger(value) && value > 0
    ? accept(value)
    : refuse("must be a positive whole number");

/** Every input property the resource accepts, with its rule. */
export const FIELD_RULES = {
  providerName,
  credentials,
  credentialsRef,
  settings,
  enabled: booleanField("must be a boolean"),
  schemaVersion,
  adoptExisting: booleanField("must be a boolean"),
} as const satisfies Record<string, FieldRule>;

export type Field = keyof typeof FIELD_RULES;
