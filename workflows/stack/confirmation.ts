import { createInterface } from "node:readline/promises";

/** What a stack operation does before it changes anything, as `pulumi up`/`refresh`/`destroy` do. */
export type ConfirmationStep = "proceed" | "preview-and-ask" | "refuse";

export interface ConfirmationInput {
  /** Whether the operation changes the stack or Qard (`preview` does not). */
  changes: boolean;
  /** `--yes`: go ahead without asking. */
  yes: boolean;
  /** `--skip-preview`: no preview, no question (Pulumi's meaning). */
  skipPreview: boolean;
  /** A person at a terminal who can answer (stdin and stdout are TTYs). */
  interactive: boolean;
}

/**
 * Pulumi's rule: a change is shown first and confirmed by a person; `--yes` or `--skip-preview` skips the
 * question; with nobody to ask and neither flag, the run is refused before anything happens.
 */
export function confirmationStep(input: ConfirmationInput): ConfirmationStep {
  if (!input.changes || input.yes || input.skipPreview) return "proceed";
  return input.interactive ? "preview-and-ask" : "refuse";
}

/** Asks `question` on the terminal; true only for "y" or "yes" (any case), as the Pulumi CLI's prompt. */
export async function askToProceed(
  question: string,
  streams: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = {
    input: process.stdin,
    output: process.stdout,
  },
): Promise<boolean> {
  const prompt = createInterface({ input: streams.input, output: streams.output, terminal: false });
  // The input may end without an answer (Ctrl-D): that is a no.
  const ended = new Promise<string>((resolve) => prompt.once("close", () => resolve("")));
  try {
    const answer = await Promise.race([prompt.question(`${question} [yes/no] `), ended]);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
