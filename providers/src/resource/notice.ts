import { redactKnownSecrets } from "./known-secrets.ts";

/**
 * A warning the user sees: from a provider method, `pulumi.log.warn` reaches the CLI's output and its
 * diagnostics (as `warning: [runtime] …`), in preview too. Scrubbed like every error, since it is output.
 */
export async function warnUser(message: string): Promise<void> {
  const pulumi = await import("@pulumi/pulumi");
  await pulumi.log.warn(redactKnownSecrets(message));
}
