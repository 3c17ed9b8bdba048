// The implementation behind the serialized provider stub (dynamic-provider.ts). The stub stored in each
// resource's state requires this entry point by name, so `refresh` and `destroy` of old resources run the
// installed library. Keep its exports and their meaning stable; a breaking change goes in runtime-v2.ts
// together with a SCHEMA_VERSION bump.
import { catalogueEntry } from "../catalogue.ts";
import type { QardClient, QardProvider } from "../qard/index.ts";
import { readSecretJson } from "../secrets/secrets-manager.ts";
import { SecretSourceError } from "../secrets/secret-source-error.ts";
import { PartialApplyError } from "./apply-error.ts";
import { checkInputs, hasUnknowns, type CheckFailure } from "./check-inputs.ts";
import { resolveConnection, type ConnectionConfig } from "./connection.ts";
export { connectionConfigFrom } from "./connection.ts";
import { credentialKeyProblems } from "./credential-keys.ts";
import { diffConfig } from "./diff.ts";
import { applyWrite, planWrites, type KnownState, type Write } from "./plan.ts";
import {
  credentialsSourceOf,
  inputsOf,
  type CredentialValue,
  type ProviderInputs,
  type ProviderOutputs,
} from "./state.ts";

export interface CheckResult {
  inputs: ProviderInputs;
  failures: CheckFailure[];
}

/** Validates inputs; for a Secrets Manager reference, resolves the version to write and checks its keys. */
export async function check(news: Record<string, unknown>): Promise<CheckResult> {
  const { inputs, failures } = checkInputs(news);
  delete inputs.credentialsArn;
  delete inputs.credentialsVersionId;
  const ref = inputs.credentialsRef;
  if (failures.length > 0 || !ref || hasUnknowns(ref) || hasUnknowns(inputs.providerName))
    return { inputs, failures };
  try {
    const secret = await readSecretJson(ref);
    inputs.credentialsArn = secret.version.arn;
    inputs.credentialsVersionId = secret.version.versionId;
    const expected = catalogueEntry(inputs.providerName)?.credentials;
    const problems = expected ? credentialKeyProblems(expected, secret.payload) : [];
    if (problems.length > 0) {
      failures.push({
        property: "credentials",
        reason: `secret "${ref.secretId}" (${secret.version.versionId}) for ${inputs.providerName}: ${problems.join("; ")}`,
      });
    }
  } catch (error) {
    if (!(error instanceof SecretSourceError)) throw error;
    failures.push({ property: "credentials", reason: error.message });
  }
  return { inputs, failures };
}

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export function diff(olds: Partial<ProviderOutputs>, news: ProviderInputs): DiffResult {
  const result = diffConfig(olds, news);
  const changes = result.changed.length > 0 || result.enabledChanged;
  // The same Qard provider cannot exist twice: disable the old one before configuring the new one.
  return { changes, replaces: result.replaces, deleteBeforeReplace: result.replaces.length > 0 };
}

/**
 * Configures a provider from scratch or adopts one already configured in Qard: reads it first (one GET),
 * then writes only what differs. Credentials are always written: Qard never returns them.
 */
export async function create(
  config: ConnectionConfig,
  inputs: ProviderInputs,
): Promise<{ id: string; outs: ProviderOutputs }> {
  const name = inputs.providerName;
  const client = await clientFor(config);
  const live = await getLiveProvider(client, name);
  const credentials = await desiredCredentials(inputs, live.credentialKeys);
  rejectUnknownSettings(name, inputs.settings, live);
  if (inputs.enabled && !live.available) throw notAvailable(name);
  const known: KnownState = { credentialsCurrent: false, settings: live.settings, enabled: live.enabled };
  const outputs = (state: KnownState): ProviderOutputs => ({
    ...inputs,
    settings: managedSettings(inputs.settings, state.settings),
    enabled: state.enabled,
    credentialsSource: credentialsSourceOf(inputs),
    available: live.available,
  });
  const done = await applyWrites(
    client,
    name,
    credentials,
    planWrites(desiredOf(inputs), known),
    known,
    (state) => outputs(state),
  );
  return { id: name, outs: outputs(done) };
}

/** Reads the live provider (one GET) and mirrors `enabled` and the managed settings into inputs as drift. */
export async function read(
  config: ConnectionConfig,
  id: string,
  props: Partial<ProviderOutputs>,
): Promise<{ id: string; props: ProviderOutputs; inputs: ProviderInputs }> {
  const name = props.providerName ?? id;
  const client = await clientFor(config);
  const live = await getLiveProvider(client, name);
  const settings = props.settings ?? {};
  const outputs: ProviderOutputs = {
    ...(props as ProviderOutputs),
    providerName: name,
    settings: managedSettings(settings, live.settings),
    // Qard will not keep a provider enabled that it no longer offers: show that as `enabled` drift.
    enabled: live.enabled && live.available,
    available: live.available,
    schemaVersion: props.schemaVersion ?? 1,
    credentialsSource: credentialsSourceOf(props),
  };
  return { id, props: outputs, inputs: inputsOf(outputs) };
}

/** Sends only the PUTs whose fields changed, credentials first. */
export async function update(
  config: ConnectionConfig,
  id: string,
  olds: Partial<ProviderOutputs>,
  news: ProviderInputs,
): Promise<{ outs: ProviderOutputs }> {
  const name = news.providerName;
  const changes = diffConfig(olds, news);
  const known: KnownState = {
    credentialsCurrent: !changes.credentialsChanged,
    settings: olds.settings ?? {},
    enabled: olds.available === false ? false : (olds.enabled ?? false),
  };
  const writes = planWrites(desiredOf(news), known);
  const client = await clientFor(config);
  const credentials = writes.some((w) => w.kind === "credentials")
    ? await desiredCredentials(news, undefined)
    : undefined;
  const outputs = (state: KnownState): ProviderOutputs => {
    const credentialFields = state.credentialsCurrent ? news : olds;
    const out: ProviderOutputs = {
      ...news,
      settings: managedSettings(news.settings, state.settings),
      enabled: state.enabled,
      credentialsSource: credentialsSourceOf(credentialFields),
      available: olds.available !== false || state.enabled,
    };
    for (const key of ["credentials", "credentialsRef", "credentialsArn", "credentialsVersionId"] as const) {
      if (credentialFields[key] === undefined) delete out[key];
      else (out as unknown as Record<string, unknown>)[key] = credentialFields[key];
    }
    return out;
  };
  const done = await applyWrites(client, name, credentials, writes, known, outputs);
  return { outs: outputs(done) };
}

/** Qard has no delete: a removed configuration is disabled (one PUT). */
export async function remove(
  config: ConnectionConfig,
  id: string,
  props: Partial<ProviderOutputs>,
): Promise<void> {
  const name = props.providerName ?? id;
  const client = await clientFor(config);
  try {
    await client.setEnabled(name, false);
  } catch (error) {
    if (error instanceof (await loadQard()).QardNotFoundError) return;
    throw new Error(`Qard provider "${name}": could not disable it: ${messageOf(error)}`, { cause: error });
  }
}

async function clientFor(config: ConnectionConfig): Promise<QardClient> {
  const connection = await resolveConnection(config);
  const { QardClient } = await loadQard();
  return new QardClient({ baseUrl: connection.baseUrl, apiKey: connection.apiKey });
}

/**
 * The HTTP client (node-fetch, response schemas) is loaded on first use: `check` and `diff`, which every
 * preview runs in a fresh provider process, never call Qard.
 */
function loadQard(): Promise<typeof import("../qard/index.ts")> {
  return import("../qard/index.ts");
}

async function getLiveProvider(client: QardClient, name: string): Promise<QardProvider> {
  try {
    return await client.getProvider(name);
  } catch (error) {
    if (error instanceof (await loadQard()).QardNotFoundError) {
      throw new Error(`Qard has no provider named "${name}" for this account: check providerName`, {
        cause: error,
      });
    }
    throw new Error(`Qard provider "${name}": ${messageOf(error)}`, { cause: error });
  }
}

function desiredOf(inputs: ProviderInputs) {
  return {
    hasCredentials: inputs.credentials !== undefined || inputs.credentialsRef !== undefined,
    settings: inputs.settings,
    enabled: inputs.enabled,
  };
}

/** Qard's current values of the settings this configuration manages (the others are not ours to diff). */
function managedSettings(
  desired: Record<string, boolean>,
  live: Record<string, boolean>,
): Record<string, boolean> {
  return Object.fromEntries(Object.keys(desired).map((key) => [key, live[key] ?? (desired[key] as boolean)]));
}

function rejectUnknownSettings(name: string, settings: Record<string, boolean>, live: QardProvider): void {
  if (live.settingNames.length === 0 && Object.keys(live.settings).length === 0) return;
  const accepted = new Set([...live.settingNames, ...Object.keys(live.settings)]);
  const unknown = Object.keys(settings).filter((key) => !accepted.has(key));
  if (unknown.length > 0) {
    throw new Error(
      `Qard provider "${name}" has no setting ${unknown.map((k) => `"${k}"`).join(", ")} (accepted: ${[...accepted].join(", ")})`,
    );
  }
}

function notAvailable(name: string): Error {
  return new Error(
    `Qard provider "${name}" is not available for this account, so it cannot be enabled: ask Qard to make it available, or set enabled: false`,
  );
}

/** The credential object to send, from the inputs or from the exact Secrets Manager version `check` resolved. */
async function desiredCredentials(
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
    credentials = secret.payload;
    source = `secret "${ref.secretId}" (${secret.version.versionId})`;
  }
  if (!credentials) return undefined;
  const expected =
    catalogueEntry(inputs.providerName)?.credentials ??
    (liveKeys && liveKeys.length > 0 ? liveKeys : undefined);
  const problems = expected ? credentialKeyProblems(expected, credentials) : [];
  if (problems.length > 0)
    throw new Error(`${source} for Qard provider "${inputs.providerName}": ${problems.join("; ")}`);
  for (const [key, value] of Object.entries(credentials)) {
    if (typeof value !== "string" && typeof value !== "boolean") {
      throw new Error(
        `${source} for Qard provider "${inputs.providerName}": key "${key}" must be a string or a boolean`,
      );
    }
  }
  return credentials as Record<string, CredentialValue>;
}

async function applyWrites(
  client: QardClient,
  name: string,
  credentials: Record<string, CredentialValue> | undefined,
  writes: Write[],
  start: KnownState,
  outputsAt: (state: KnownState) => ProviderOutputs,
): Promise<KnownState> {
  let state = start;
  const written: string[] = [];
  for (const write of writes) {
    try {
      await send(client, name, credentials, write);
    } catch (error) {
      const what = `${describe(write)} failed: ${messageOf(error)}`;
      if (written.length === 0) throw new Error(`Qard provider "${name}": ${what}`, { cause: error });
      throw new PartialApplyError(
        name,
        outputsAt(state),
        `Qard provider "${name}": ${what}. Already written: ${written.join(", ")}; the next \`pulumi up\` resumes from there.`,
      );
    }
    state = applyWrite(state, write);
    written.push(describe(write));
  }
  return state;
}

async function send(
  client: QardClient,
  name: string,
  credentials: Record<string, CredentialValue> | undefined,
  write: Write,
): Promise<void> {
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
