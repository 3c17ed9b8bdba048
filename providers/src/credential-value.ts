/**
 * The rule of one credential value, whatever the provider and whoever sends it (the resource's inputs, a
 * Secrets Manager payload, the client): a string or a boolean, and never a blank string (Qard would store
 * a credential that works for nobody). Undefined when the value is fine.
 */
export function credentialValueProblem(value: unknown): "not-string-or-boolean" | "blank" | undefined {
  if (typeof value === "boolean") return undefined;
  if (typeof value !== "string") return "not-string-or-boolean";
  return value.trim() === "" ? "blank" : undefined;
}
