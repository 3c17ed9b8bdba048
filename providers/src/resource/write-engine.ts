// The write engine: what create and update send once they have decided. The credentials to send are read
// and validated before the first write; the planned writes (plan.ts) go out in order, credentials first;
// a failure after a first write is a PartialApplyError carrying the state reached, so the next `up` resumes.
import { catalogueEntry } from "../catalogue.ts";
import { messageOf } from "../error-message.ts";
import { readSecretJson } from "../secrets/secrets-manager.ts";
import type { Account } from "./account-client.ts";
import { PartialApplyError } from "./apply-error.ts";
import { credentialPayloadProblems } from "./credential-keys.ts";
import { rememberSecrets } from "./known-secrets.ts";
import { forgetLiveProvider } from "./live-providers.ts";
import { nextStepAfter } from "./next-step.ts";
import { applyWrite, type KnownState, type Write } from "./plan.ts";
import type { CredentialValue, ProviderInputs, ProviderOutputs } from "./state.ts";

/** What the stack wants of a provider, as plan.ts compares it with what is known. */
export function desiredOf(inputs: ProviderInputs) {
  return {
    hasCredentials: inputs.credentials !== undefined || inputs.credentialsRef !== undefined,
    settings: inputs.settings,
    enabled: inputs.enabled,
  };
}

/**
 * The credential object to send, from the inputs or from the exact Secrets Manager version `check`
 * resolved. Read and validated before the resource's first write, so a bad payload writes nothing.
 */
export async function desiredCredentials(
  inputs: ProviderInputs,
  liveKeys: readonly string[] | undefined,
): Promise<Record<string, CredentialValue> | undefined> {
  let credentials: Record<string, unknown> | undefined = inputs.credentials;
  let source = "credentials";
  if (inputs.credentialsRef) {
    const ref = inputs.credentialsRef;
    const secret = await readSecretJson(
      ref,
      inputs.credentialsVersionId ? { versionId: inputs.credentialsVersionId } : {},
    );
    rememberSecrets(secret.payload);
    credentials = secret.payload;
    source = `secret "${ref.secretId}" (${secret.version.versionId})`;
  }
  if (!credentials) return undefined;
  const expected =
    catalogueEntry(inputs.providerName)?.credentials ??
    (liveKeys && liveKeys.length > 0 ? liveKeys : undefined);
  const problems = credentialPayloadProblems(expected, credentials);
  if (problems.length > 0) {
    throw new Error(
      `${source} for Qard provider "${inputs.providerName}": ${problems.join("; ")}. Nothing was written to Qard for it.`,
    );
  }
  return credentials as Record<string, CredentialValue>;
}

/** Where writes go: one provider of one account, with the credentials to send if the plan has them. */
export interface WriteTarget extends Pick<Account, "client" | "account"> {
  name: string;
  credentials: Record<string, CredentialValue> | undefined;
}

export async function applyWrites(
  target: WriteTarget,
  writes: Write[],
  start: KnownState,
  outputsAt: (state: KnownState) => ProviderOutputs,
): Promise<KnownState> {
  const { name } = target;
  let state = start;
  const written: string[] = [];
  try {
    for (const write of writes) {
      try {
        await send(target, write);
      } catch (error) {
        const what = `${describe(write)} failed: ${messageOf(error)}`;
        if (written.length === 0) {
          throw new Error(
            `Qard provider "${name}": ${what}. Nothing was written to Qard for it; ${nextStepAfter(error)}.`,
            {
              cause: error,
            },
          );
        }
        throw new PartialApplyError(
          name,
          outputsAt(state),
          `Qard provider "${name}": ${what}. Already written: ${written.join(", ")}; the next \`pulumi up\` resumes from there.`,
        );
      }
      state = applyWrite(state, write);
      written.push(describe(write));
    }
  } finally {
    if (writes.length > 0) forgetLiveProvider(target.account, name);
  }
  return state;
}

async function send(target: WriteTarget, write: Write): Promise<void> {
  const { client, name, credentials } = target;
  switch (write.kind) {
    case "credentials":
      if (!credentials) throw new Error("no credentials to write");
      return client.putCredentials(name, credentials);
    case "settings":
      return client.putSettings(name, write.settings);
    case "enable":
      return client.setEnabled(name, write.enabled);
  }
}

function describe(write: Write): string {
  switch (write.kind) {
    case "credentials":
      return "credentials";
    case "settings":
      return "settings";
    case "enable":
      return write.enabled ? "enabling" : "disabling";
  }
}
