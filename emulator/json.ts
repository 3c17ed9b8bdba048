/** Narrowing helpers for parsed JSON, which arrives as `unknown`. */

export { isRecord } from "@qard-iac/pulumi-qard/internal";

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
