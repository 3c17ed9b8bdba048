// GitHub's workflow commands end a property at `,` or `::` and the command at a line break; it decodes
// %-escapes in both places, so these are the only escapes that keep outside text inside its slot.

/** A value for an annotation property (`file=…`): `%`, line breaks, `:` and `,` escaped. */
export function annotationProperty(value: string): string {
  return annotationMessage(value).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/** An annotation's message: `%` and line breaks escaped, so it stays one command. */
export function annotationMessage(value: string): string {
  return value.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** `::warning file=<file>::<message>`, each part escaped. */
export function warningAnnotation(file: string, message: string): string {
  return `::warning file=${annotationProperty(file)}::${annotationMessage(message)}`;
}
