import { safeText } from "./safe-errors.ts";

/**
 * A warning the user sees: from a provider method, `pulumi.log.warn` reaches the CLI's output and its
 * diagnostics (as `warning: [runtime] …`), in preview too. Scrubbed and neutralised like every error, since
 * it is output (it can name what Qard answered).
 */
export async function warnUser(message: string): Promise<void> {
  const pulumi = await import("@pulumi/pulumi");
  await pulumi.log.warn(safeText(message));
}
