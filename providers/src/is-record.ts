/** True for a plain JSON object (not null, not an array): how parsed JSON, state and config are narrowed. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
