import { neutralizeOutput } from "../neutralize-output.ts";
import { PartialApplyError } from "./apply-error.ts";
import { redactKnownSecrets } from "./known-secrets.ts";

/**
 * The one exit of every runtime method: whatever is thrown leaves as a fresh error whose message (and, for
 * a partial failure, the reasons the engine stores in state) is scrubbed of every known secret, and
 * neutralised: it quotes Qard's messages and Secrets Manager's errors, which the CLI prints as they are.
 * The cause chain is dropped: a library's error can carry the request that failed.
 */
export async function withSafeErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw safeError(error);
  }
}

/**
 * Any text the provider hands the engine to show (an error, a check failure, a warning): every known
 * secret scrubbed, then neutralised, since it can quote what Qard or Secrets Manager answered.
 */
export function safeText(text: string): string {
  return neutralizeOutput(redactKnownSecrets(text));
}

export function safeError(error: unknown): Error {
  const message = safeText(error instanceof Error ? error.message : String(error));
  if (error instanceof PartialApplyError) {
    return new PartialApplyError(error.id, error.properties, message);
  }
  const safe = new Error(message);
  if (error instanceof Error && error.name !== "Error") safe.name = error.name;
  return safe;
}
