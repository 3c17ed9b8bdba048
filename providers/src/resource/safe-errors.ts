import { neutralizeOutput } from "../neutralize-output.ts";
import { PartialApplyError } from "./apply-error.ts";
import { redactKnownSecrets } from "./known-secrets.ts";
import { inStackTerms } from "./stack-terms.ts";
import { messageOf } from "../error-message.ts";

/**
 * The one exit of every runtime method: whatever is thrown leaves as a fresh error whose message (and, for
 * a partial failure, the reasons the engine stores in state) is scrubbed of every known secret, names the
 * stack's settings rather than the client's options, and is neutralised: it quotes Qard's messages and
 * Secrets Manager's errors, which the CLI prints as they are. The cause chain is dropped: a library's error
 * can carry the request that failed.
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
  const message = neutralizeOutput(inStackTerms(redactKnownSecrets(messageOf(error))));
  if (error instanceof PartialApplyError) {
    return withoutTrace(new PartialApplyError(error.id, error.properties, message));
  }
  const safe = new Error(message);
  if (error instanceof Error && error.name !== "Error") safe.name = error.name;
  return withoutTrace(safe);
}

/**
 * Pulumi's dynamic-provider host prints a failed check, diff, read or delete as `${error}: ${error.stack}`,
 * which puts our stack frames in front of the user of `refresh` and `destroy`. The message already says what
 * failed and how to fix it: `${error}` gives the name and `stack` the message, so that line reads
 * `Error: <message>`, once, without frames.
 */
function withoutTrace<E extends Error>(error: E): E {
  const { name, message } = error;
  Object.defineProperty(error, "stack", { value: message, configurable: true, writable: true });
  Object.defineProperty(error, "toString", { value: () => name, configurable: true, writable: true });
  return error;
}
