import { PartialApplyError } from "./apply-error.ts";
import { redactKnownSecrets } from "./known-secrets.ts";
import { inStackTerms } from "./stack-terms.ts";

/**
 * The one exit of every runtime method: whatever is thrown leaves as a fresh error whose message (and, for
 * a partial failure, the reasons the engine stores in state) is scrubbed of every known secret and names the
 * stack's settings rather than the client's options. The cause chain is dropped: a library's error can carry
 * the request that failed.
 */
export async function withSafeErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw safeError(error);
  }
}

export function safeError(error: unknown): Error {
  const message = inStackTerms(redactKnownSecrets(error instanceof Error ? error.message : String(error)));
  if (error instanceof PartialApplyError) {
    return new PartialApplyError(error.id, error.properties, message);
  }
  const safe = new Error(message);
  if (error instanceof Error && error.name !== "Error") safe.name = error.name;
  return safe;
}
