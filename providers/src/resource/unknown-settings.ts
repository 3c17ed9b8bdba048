/**
 * The refusal for settings a provider does not have, or undefined when every key is accepted. One message
 * whether the accepted list comes from the catalogue (`check`) or from Qard's answer (`update`), so a user
 * sees the same fix either way. Setting names are not secret; values are never quoted.
 */
export function unknownSettingsProblem(
  providerName: string,
  settings: Readonly<Record<string, unknown>>,
  accepted: readonly string[],
): string | undefined {
  const unknown = Object.keys(settings).filter((key) => !accepted.includes(key));
  if (unknown.length === 0) return undefined;
  const names = unknown.map((key) => `"${key}"`).join(", ");
  return `Qard provider "${providerName}" has no setting ${names} (accepted: ${accepted.length > 0 ? accepted.join(", ") : "none"})`;
}
