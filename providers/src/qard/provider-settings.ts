/**
 * A setting's value comes from the settings map when Qard answers one, else from the top-level field of
 * the same name (the docs list `auto_connect` beside `settings`). Non-boolean values are not settings the
 * client can write back, so they are left out rather than guessed.
 */
export function currentSettings(
  names: readonly string[],
  map: Record<string, unknown> | undefined,
  topLevel: Record<string, unknown>,
): Record<string, boolean> {
  const entries: [string, boolean][] = [];
  for (const name of names) {
    const fromMap = map?.[name];
    const value = typeof fromMap === "boolean" ? fromMap : topLevel[name];
    if (typeof value === "boolean") entries.push([name, value]);
  }
  // fromEntries defines own properties, so a setting named "__proto__" cannot touch the prototype.
  return Object.fromEntries(entries);
}
