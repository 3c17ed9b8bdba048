/** Qard's timestamp format, in UTC: `2024-01-15 10:30:00`. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}
