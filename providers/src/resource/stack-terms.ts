/**
 * The Qard client's messages name its options (`baseUrl`, `apiKey`); a stack's user knows only the settings
 * that feed them. Errors leaving the resource name the stack setting instead; a dotted setting
 * (`qard:accounts.eu.apiKey`) is already one.
 */
export function inStackTerms(message: string): string {
  return message
    .replace(/qard:apiUrl \(baseUrl\)/g, "qard:apiUrl")
    .replace(/(?<![\w:.])baseUrl\b/g, "qard:apiUrl")
    .replace(/(?<![\w:.])apiKey\b/g, "qard:apiKey");
}
