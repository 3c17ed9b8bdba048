import { catalogueEntry } from "../catalogue.ts";
import { isResolvedCredentialField } from "./credential-fields.ts";
import { credentialKeyProblems } from "./credential-keys.ts";
import { FIELD_RULES, describeProblems, type Field } from "./input-fields.ts";
import { unknownSettingsProblem } from "./unknown-settings.ts";
import { SCHEMA_VERSION, type ProviderInputs } from "./state.ts";
import { isRecord } from "../is-record.ts";

/** The value Pulumi passes for an input that is not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckedInputs {
  inputs: ProviderInputs;
  failures: CheckFailure[];
}

/** True when a value, or anything inside it, is still unknown (preview). */
export function hasUnknowns(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(hasUnknowns);
  if (isRecord(value)) return Object.values(value).some(hasUnknowns);
  return false;
}

/**
 * Validates the new inputs of a Qard provider configuration and applies defaults where a value is absent.
 * Values still unknown during a preview pass through unvalidated. Reasons never quote credential values.
 */
export function checkInputs(news: Readonly<Record<string, unknown>>): CheckedInputs {
  const failures: CheckFailure[] = [];
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(FIELD_RULES) as Field[]) {
    const value = news[field];
    if (value === undefined) continue;
    if (hasUnknowns(value)) {
      out[field] = value;
      continue;
    }
    const problems = FIELD_RULES[field](value);
    if (problems.length === 0) out[field] = value;
    else failures.push({ property: field, reason: describeProblems(problems) });
  }
  for (const key of Object.keys(news)) {
    // The resolved credential fields come back from old state; __provider is the engine's.
    // The account fingerprint is check's own, from old state like the resolved credential fields.
    const resolved = isResolvedCredentialField(key) || key === "accountFingerprint";
    if (!Object.hasOwn(FIELD_RULES, key) && key !== "__provider" && !resolved) {
      failures.push({ property: key, reason: "is not a property of a Qard provider configuration" });
    }
  }
  if (news.providerName === undefined) failures.push({ property: "providerName", reason: "is required" });
  if (out.credentials !== undefined && out.credentialsRef !== undefined) {
    failures.push({
      property: "credentials",
      reason: "give credentials by value or by Secrets Manager reference, not both",
    });
  }
  out.settings ??= {};
  out.enabled ??= true;
  out.schemaVersion ??= SCHEMA_VERSION;

  const inputs = out as unknown as ProviderInputs;
  failures.push(...catalogueFailures(inputs));
  return { inputs, failures };
}

/** Checks keys against the documented catalogue; an unlisted provider is checked by Qard at apply time. */
function catalogueFailures(inputs: ProviderInputs): CheckFailure[] {
  if (typeof inputs.providerName !== "string" || inputs.providerName === UNKNOWN) return [];
  const entry = catalogueEntry(inputs.providerName);
  if (!entry) return [];
  const failures: CheckFailure[] = [];
  if (inputs.credentials && !hasUnknowns(inputs.credentials)) {
    const problems = credentialKeyProblems(entry.credentials, inputs.credentials);
    if (problems.length > 0) {
      failures.push({ property: "credentials", reason: `${inputs.providerName}: ${problems.join("; ")}` });
    }
  }
  if (!hasUnknowns(inputs.settings)) {
    const problem = unknownSettingsProblem(inputs.providerName, inputs.settings, entry.settings);
    if (problem !== undefined) failures.push({ property: "settings", reason: problem });
  }
  return failures;
}
