/**
 * Pure validation of the three provider PUTs. Each check answers `undefined` when the request is acceptable,
 * else the ApiError to send. Errors name keys and expected types, never the values sent.
 */
import { ApiError, unprocessable } from "./api-error.ts";
import type { ProviderDefinition } from "./catalogue.ts";
import { isRecord } from "./json.ts";
import type { CredentialValues, ProviderState } from "./state.ts";

export interface CredentialProblems {
  missing: string[];
  unexpected: string[];
  wrong_type: { key: string; expected: string }[];
  empty: string[];
}

/** Compares the keys and JSON types of `credentials` with what the provider declares. */
export function credentialProblems(
  definition: ProviderDefinition,
  credentials: Record<string, unknown>,
): CredentialProblems {
  const declared = new Map(definition.credentials.map((key) => [key.name, key.type]));
  const given = Object.keys(credentials);
  const problems: CredentialProblems = {
    missing: [...declared.keys()].filter((name) => !(name in credentials)),
    unexpected: given.filter((name) => !declared.has(name)),
    wrong_type: [],
    empty: [],
  };
  for (const [name, expected] of declared) {
    if (!(name in credentials)) continue;
    const value = credentials[name];
    if (typeof value !== expected) problems.wrong_type.push({ key: name, expected });
    else if (value === "") problems.empty.push(name);
  }
  return problems;
}

function hasProblems(problems: CredentialProblems): boolean {
  return Object.values(problems).some((list) => list.length > 0);
}

function describeProblems(problems: CredentialProblems): string {
  const parts = [
    problems.missing.length > 0 ? `missing keys: ${problems.missing.join(", ")}` : "",
    problems.unexpected.length > 0 ? `unexpected keys: ${problems.unexpected.join(", ")}` : "",
    ...problems.wrong_type.map((p) => `${p.key} must be a JSON ${p.expected}`),
    problems.empty.length > 0 ? `empty values for: ${problems.empty.join(", ")}` : "",
  ];
  return parts.filter((part) => part !== "").join("; ");
}

export type CredentialsCheck = { ok: true; credentials: CredentialValues } | { ok: false; error: ApiError };

export function checkCredentialsBody(definition: ProviderDefinition, body: unknown): CredentialsCheck {
  if (!isRecord(body) || !isRecord(body.credentials)) {
    const error = unprocessable(
      "INVALID_CREDENTIALS",
      'The body must be {"credentials": {...}} with the provider\'s credential keys.',
    );
    return { ok: false, error };
  }
  const problems = credentialProblems(definition, body.credentials);
  if (hasProblems(problems)) {
    const expected = definition.credentials.map((key) => `${key.name} (${key.type})`).join(", ") || "none";
    const message =
      `Invalid credentials for provider ${definition.name}: ${describeProblems(problems)}. ` +
      `Expected keys: ${expected}.`;
    return { ok: false, error: unprocessable("INVALID_CREDENTIALS", message, { ...problems }) };
  }
  return { ok: true, credentials: body.credentials as CredentialValues };
}

export type SettingsCheck = { ok: true; settings: Record<string, boolean> } | { ok: false; error: ApiError };

export function checkSettingsBody(definition: ProviderDefinition, body: unknown): SettingsCheck {
  if (!isRecord(body)) {
    const error = unprocessable(
      "INVALID_SETTINGS",
      "The body must be a flat JSON object of boolean settings.",
    );
    return { ok: false, error };
  }
  const unknown = Object.keys(body).filter((name) => !definition.settings.includes(name));
  const notBoolean = Object.keys(body).filter(
    (name) => !unknown.includes(name) && typeof body[name] !== "boolean",
  );
  if (unknown.length > 0 || notBoolean.length > 0) {
    const known = definition.settings.join(", ") || "none";
    const parts = [
      unknown.length > 0 ? `unknown settings: ${unknown.join(", ")}` : "",
      notBoolean.length > 0 ? `must be JSON booleans: ${notBoolean.join(", ")}` : "",
    ].filter((part) => part !== "");
    const message = `Invalid settings for provider ${definition.name}: ${parts.join("; ")}. Known settings: ${known}.`;
    const details = { unknown, not_boolean: notBoolean };
    return { ok: false, error: unprocessable("INVALID_SETTINGS", message, details) };
  }
  return { ok: true, settings: body as Record<string, boolean> };
}

export type EnableCheck = { ok: true; enable: boolean } | { ok: false; error: ApiError };

export function checkEnableBody(
  definition: ProviderDefinition,
  current: ProviderState,
  body: unknown,
): EnableCheck {
  if (!isRecord(body) || typeof body.enable !== "boolean") {
    const message = 'The body must be {"enable": true} or {"enable": false}.';
    return { ok: false, error: unprocessable("INVALID_BODY", message) };
  }
  // Disabling is always allowed, whatever state the provider is in.
  if (!body.enable) return { ok: true, enable: false };
  if (!current.available) {
    const message =
      `Provider ${definition.name} is not available for this account and cannot be enabled; ` +
      "availability is decided by Qard (ask Qard support to make it available).";
    return { ok: false, error: unprocessable("PROVIDER_NOT_AVAILABLE", message) };
  }
  if (definition.credentials.length > 0 && current.credentials === undefined) {
    const keys = definition.credentials.map((key) => key.name).join(", ");
    const message =
      `Provider ${definition.name} needs credentials before it can be enabled: ` +
      `PUT /api/v6/providers/${definition.name}/credentials with ${keys} first.`;
    return { ok: false, error: unprocessable("CREDENTIALS_REQUIRED", message) };
  }
  return { ok: true, enable: true };
}
