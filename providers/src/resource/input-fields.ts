/**
 * The rule of each input property of a Qard provider configuration, as small pure functions: the one
 * definition that `check` applies and that the program's config schema wraps (input-schemas.ts).
 *
 * Plain code rather than a schema library: `check` runs in every preview, in a fresh provider process that
 * loads the runtime first, and this keeps that load small (the HTTP client and its answer schemas are only
 * loaded when Qard is called). A message never quotes a value: credentials pass through here.
 */
import { identifierProblem } from "../identifier.ts";
import { isRecord } from "../is-record.ts";
import { isProviderName, PROVIDER_NAME_HINT } from "../provider-name.ts";
import { isPrototypeKey, PROTOTYPE_KEY_REASON } from "../prototype-keys.ts";
import { credentialValueProblem } from "../credential-value.ts";

const CREDENTIAL_VALUE_MESSAGES = {
  "not-string-or-boolean": "must be a string or a boolean",
  blank: "must not be empty or whitespace",
  ok: undefined,
} as const;

/** What is wrong, and where inside the value (empty for the value itself). */
export interface FieldProblem {
  path: string[];
  message: string;
}

/** Every problem of a value; none when it is valid. */
export type FieldRule = (value: unknown) => FieldProblem[];

/** `path: message` for each problem, as one reason. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems
    .map((problem) =>
      problem.path.length > 0 ? `${problem.path.join(".")}: ${problem.message}` : problem.message,
    )
    .join("; ");
}

const problem = (message: string, path: string[] = []): FieldProblem[] => [{ path, message }];

/**
 * The problems of each entry of an object, under its key, in the object's order. The keys are the user's
 * names: one that objects already have (`__proto__`, `constructor`…) is refused (see prototype-keys.ts).
 */
function entryProblems(
  entries: Record<string, unknown>,
  messageOf: (value: unknown) => string | undefined,
): FieldProblem[] {
  return Object.entries(entries).flatMap(([key, value]) => {
    const message = isPrototypeKey(key) ? PROTOTYPE_KEY_REASON : messageOf(value);
    return message === undefined ? [] : problem(message, [key]);
  });
}

const booleanRule =
  (message: string): FieldRule =>
  (value) =>
    typeof value === "boolean" ? [] : problem(message);

export const providerNameRule: FieldRule = (value) =>
  isProviderName(value) ? [] : problem(`must be ${PROVIDER_NAME_HINT}`);

/** An account name: the one identifier rule (it names an entry of `qard:accounts`). */
export const accountNameRule: FieldRule = (value) => {
  const message = identifierProblem(value);
  return message === undefined ? [] : problem(message);
};

/** Credentials by value: Qard's credential keys to non-blank strings or booleans. */
export const credentialValuesRule: FieldRule = (value) => {
  if (!isRecord(value)) return problem("must be an object of credential keys to strings or booleans");
  return entryProblems(value, (entry) => CREDENTIAL_VALUE_MESSAGES[credentialValueProblem(entry) ?? "ok"]);
};

const REFERENCE_KEYS = ["secretId", "region", "versionStage"];

/** Credentials by reference: `{ secretId, region?, versionStage? }` (see SecretsManagerRef). */
export const secretsManagerRefRule: FieldRule = (value) => {
  if (!isRecord(value)) return problem("must be an object: { secretId, region?, versionStage? }");
  const problems = Object.keys(value)
    .filter((key) => !REFERENCE_KEYS.includes(key))
    .flatMap((key) => problem(`unknown key "${key}" (accepted: ${REFERENCE_KEYS.join(", ")})`));
  if (typeof value.secretId !== "string" || value.secretId === "") {
    problems.push(...problem("must name a Secrets Manager secret (name or ARN)", ["secretId"]));
  }
  for (const key of ["region", "versionStage"]) {
    const optional = value[key];
    if (optional !== undefined && (typeof optional !== "string" || optional === "")) {
      problems.push(...problem("must be a non-empty string when given", [key]));
    }
  }
  return problems;
};

export const settingsRule: FieldRule = (value) => {
  if (!isRecord(value)) return problem("must be an object of setting names to booleans");
  return entryProblems(value, (entry) =>
    typeof entry === "boolean" ? undefined : "every setting must be a boolean",
  );
};

export const schemaVersionRule: FieldRule = (value) =>
  typeof value === "number" && Number.isInteger(value) && value > 0
    ? []
    : problem("must be a positive whole number");

/** Every input property the resource accepts, with its rule. */
export const FIELD_RULES = {
  providerName: providerNameRule,
  account: accountNameRule,
  credentials: credentialValuesRule,
  credentialsRef: secretsManagerRefRule,
  settings: settingsRule,
  enabled: booleanRule("must be a boolean"),
  schemaVersion: schemaVersionRule,
  adoptExisting: booleanRule("must be a boolean"),
} as const satisfies Record<string, FieldRule>;

export type Field = keyof typeof FIELD_RULES;
