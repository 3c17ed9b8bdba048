// The implementation behind the serialized provider stub (dynamic-provider.ts). The stub stored in each
// resource's state requires this entry point by name, so `refresh` and `destroy` of old resources run the
// installed library. Keep its exports and their meaning stable; a breaking change goes in runtime-v2.ts
// together with a SCHEMA_VERSION bump.
//
// This file is the resource contract: check, diff, create, read, update and delete as Pulumi calls them,
// each deciding what to do. The account's client and its reads are in account-client.ts, the sending of
// the decided writes in write-engine.ts.
import type { QardProvider } from "../qard/index.ts";
import { describeSecretVersion } from "../secrets/secrets-manager.ts";
import { SecretSourceError } from "../secrets/secret-source-error.ts";
import { messageOf } from "../error-message.ts";
import {
  accountLabel,
  accountFor,
  clientFor,
  loadQard,
  refuseForeignKey,
  requireLiveProvider,
  unknownProviderReason,
  type Account,
} from "./account-client.ts";
import { adoptionNotice, adoptionRefusal, isTakeover } from "./adoption.ts";
import { checkInputs, hasUnknowns, type CheckFailure } from "./check-inputs.ts";
import { connectionForAccount, UnknownAccountError } from "./account-connection.ts";
import { accountFingerprint, identityProblem } from "./account-fingerprint.ts";
import { resolveConnection, type ConnectionConfig, type ResolvedConnection } from "./connection.ts";
import { CREDENTIAL_FIELDS } from "./credential-fields.ts";
import { diffConfig, stopsManagingCredentials } from "./diff.ts";
import { rememberSecrets } from "./known-secrets.ts";
import { withKeySourceOnRefusal } from "./refused-key.ts";
import { forgetLiveProvider, liveProvider } from "./live-providers.ts";
import { classifyLookupFailure } from "./lookup-failure.ts";
import {
  managedSettings,
  rejectUnknownSettings,
  unreadableSettings,
  unreadableSettingsReason,
} from "./managed-settings.ts";
import { confirmAbsent } from "./provider-absence.ts";
import { warnUser } from "./notice.ts";
import { planWrites, type KnownState } from "./plan.ts";
import { nextStepAfter } from "./next-step.ts";
import { safeText, withSafeErrors } from "./safe-errors.ts";
import { inStackTerms } from "./stack-terms.ts";
import { credentialsSourceOf, inputsOf, type ProviderInputs, type ProviderOutputs } from "./state.ts";
import { applyWrites, desiredCredentials, desiredOf } from "./write-engine.ts";

export { connectionConfigFrom } from "./connection.ts";
export { forgetLiveProviders } from "./live-providers.ts";

export interface CheckResult {
  inputs: ProviderInputs;
  failures: CheckFailure[];
}

/** What `check` knows besides the new inputs: the old inputs (empty for a create) and the connection. */
export interface CheckContext {
  olds?: Record<string, unknown>;
  connection?: ConnectionConfig;
}

/**
 * Validates inputs; for a Secrets Manager reference, resolves the version to write from the secret's
 * metadata only (the payload is read by create/update, before their first write). For a resource about to
 * be created or replaced, looks the provider up in Qard: an unknown name fails here, in preview, and an
 * adoption of a provider already enabled is announced (or refused with `adoptExisting: false`).
 */
export function check(news: Record<string, unknown>, context: CheckContext = {}): Promise<CheckResult> {
  return withSafeErrors(async () => {
    const { inputs, failures } = await checkAll(news, context);
    // Failures are shown like errors: scrubbed, in stack terms and neutralised the same way.
    return {
      inputs,
      failures: failures.map((f) => ({
        property: safeText(f.property),
        reason: safeText(inStackTerms(f.reason)),
      })),
    };
  });
}

async function checkAll(news: Record<string, unknown>, context: CheckContext): Promise<CheckResult> {
  const { inputs, failures } = checkInputs(news);
  rememberSecrets(inputs.credentials);
  delete inputs.credentialsArn;
  delete inputs.credentialsVersionId;
  delete inputs.accountFingerprint;
  const olds = context.olds ?? {};
  if (failures.length > 0 || hasUnknowns(inputs.providerName)) return { inputs, failures };
  if (stopsManagingCredentials(olds, inputs)) {
    await warnUser(
      `Qard provider "${inputs.providerName}": credentials are no longer managed by this stack; Qard keeps the last value written (nothing is sent)`,
    );
  }
  const ref = inputs.credentialsRef;
  if (ref && !hasUnknowns(ref)) {
    try {
      const version = await describeSecretVersion(ref);
      inputs.credentialsArn = version.arn;
      inputs.credentialsVersionId = version.versionId;
    } catch (error) {
      if (!(error instanceof SecretSourceError)) throw error;
      failures.push({ property: "credentials", reason: error.message });
    }
  }
  let connection: ConnectionConfig;
  try {
    connection = connectionForAccount(context.connection ?? {}, inputs.account);
  } catch (error) {
    if (!(error instanceof UnknownAccountError) || hasUnknowns(inputs.account)) throw error;
    failures.push({ property: "account", reason: error.message });
    return { inputs, failures };
  }
  // The key is read once (a Secrets Manager read for a key by reference) for both looks below.
  const resolved = await resolveConnection(connection).then(
    (value): KeyLookup => ({ value }),
    (error: unknown): KeyLookup => ({ error }),
  );
  // Every stack records the account it manages, the one-account form included (account-fingerprint.ts).
  const identity = checkIdentity(olds, inputs, connection, resolved);
  if (identity.fingerprint !== undefined) inputs.accountFingerprint = identity.fingerprint;
  if (identity.problem !== undefined) {
    failures.push({
      property: "account",
      reason: `${accountLabel(connection)}: ${identity.problem}`,
    });
    return { inputs, failures };
  }
  failures.push(...(await liveFailures(olds, inputs, resolved)));
  return { inputs, failures };
}

/** The stack's connection with its key read, or why the key could not be read. */
type KeyLookup = { value: ResolvedConnection; error?: undefined } | { error: unknown; value?: undefined };

/**
 * The account the key points at, against what the state recorded and what the config pins: no call to
 * Qard. A run that holds no usable key (a pull-request preview) keeps the recorded fingerprint: `up` checks
 * again.
 */
function checkIdentity(
  olds: Record<string, unknown>,
  inputs: ProviderInputs,
  config: ConnectionConfig,
  key: KeyLookup,
): { fingerprint?: string; problem?: string } {
  // A resource moving to another account starts that account's record afresh.
  const sameAccount = olds.account === inputs.account;
  const recorded =
    sameAccount && typeof olds.accountFingerprint === "string" ? olds.accountFingerprint : undefined;
  // A key that cannot be read is reported where it is needed (liveFailures, or the operation itself).
  if (key.value === undefined) return recorded === undefined ? {} : { fingerprint: recorded };
  const resolved = key.value;
  rememberSecrets(resolved.apiKey);
  const current = accountFingerprint(resolved.baseUrl, resolved.apiKey);
  const problem = identityProblem({
    account: config.account,
    apiKeySetting: resolved.apiKeySetting,
    current,
    recorded,
    pinned: config.fingerprint,
  });
  return problem === undefined ? { fingerprint: current } : { fingerprint: recorded ?? current, problem };
}

/** The preview-time look at Qard for a create or a replacement; other checks make no call. */
async function liveFailures(
  olds: Record<string, unknown>,
  inputs: ProviderInputs,
  key: KeyLookup,
): Promise<CheckFailure[]> {
  const creating = olds.providerName === undefined;
  const replacing =
    !creating && (olds.providerName !== inputs.providerName || olds.account !== inputs.account);
  if (!creating && !replacing) return [];
  const name = inputs.providerName;
  let live: QardProvider | undefined;
  let account: Account | undefined;
  try {
    if (key.value === undefined) throw key.error;
    account = await accountFor(key.value);
    live = await liveProvider(account.client, account.account, name);
  } catch (error) {
    const outcome = classifyLookupFailure(error, account);
    if (outcome.kind === "fail") {
      return [{ property: "providerName", reason: `cannot check "${name}" against Qard: ${outcome.reason}` }];
    }
    const why = messageOf(error);
    // The old provider is disabled before the new one is configured: never replace on an unchecked name.
    if (replacing) {
      return [
        {
          property: "providerName",
          reason: `could not check "${name}" against Qard before replacing "${String(olds.providerName)}": ${why}`,
        },
      ];
    }
    await warnUser(
      `Qard provider "${name}": could not check whether it is already configured in Qard: ${why}`,
    );
    return [];
  }
  if (live === undefined) return [{ property: "providerName", reason: unknownProviderReason(name) }];
  if (creating && isTakeover(live)) {
    if (inputs.adoptExisting === false) return [{ property: "adoptExisting", reason: adoptionRefusal(live) }];
    await warnUser(adoptionNotice(live, inputs));
  }
  return [];
}

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export function diff(olds: Partial<ProviderOutputs>, news: ProviderInputs): DiffResult {
  const result = diffConfig(olds, news);
  const changes = result.changed.length > 0 || result.enabledChanged;
  // Two resources may swap provider names: disabling the old ones first keeps the new ones enabled. `check`
  // has already verified the new name against Qard, so the old provider is never disabled for a typo.
  return { changes, replaces: result.replaces, deleteBeforeReplace: result.replaces.length > 0 };
}

/**
 * Configures a provider from scratch or adopts one already configured in Qard: reads it from the shared
 * list, validates everything (the Secrets Manager payload included), then writes only what differs.
 * Credentials are always written: Qard never returns them.
 */
export function create(
  stackConnection: ConnectionConfig,
  inputs: ProviderInputs,
): Promise<{ id: string; outs: ProviderOutputs }> {
  return withSafeErrors(async () => {
    const config = connectionForAccount(stackConnection, inputs.account);
    return withKeySourceOnRefusal(config, async () => {
      rememberSecrets(inputs.credentials);
      const name = inputs.providerName;
      const connection = await clientFor(config);
      refuseForeignKey(connection, config, inputs.accountFingerprint);
      const { client, account } = connection;
      const live = await requireLiveProvider(connection, name);
      if (inputs.adoptExisting === false && isTakeover(live)) throw new Error(adoptionRefusal(live));
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
      const target = { client, account, name, credentials };
      const done = await applyWrites(target, planWrites(desiredOf(inputs), known), known, outputs);
      return { id: name, outs: outputs(done) };
    });
  });
}

/** Reads the live provider (shared list) and mirrors `enabled` and the managed settings into inputs as drift. */
export function read(
  stackConnection: ConnectionConfig,
  id: string,
  props: Partial<ProviderOutputs>,
): Promise<{ id: string; props: ProviderOutputs; inputs: ProviderInputs }> {
  return withSafeErrors(async () => {
    const config = connectionForAccount(stackConnection, props.account);
    return withKeySourceOnRefusal(config, async () => {
      rememberSecrets(props.credentials);
      const name = props.providerName ?? id;
      const connection = await clientFor(config);
      // The list read first: a key Qard refuses or a URL that cannot be reached is reported as such (an
      // authentication or connection error), and a read writes nothing either way.
      const live = await requireLiveProvider(connection, name);
      refuseForeignKey(connection, config, props.accountFingerprint);
      const settings = props.settings ?? {};
      const unreadable = unreadableSettings(settings, live);
      if (unreadable.length > 0) throw new Error(unreadableSettingsReason(name, unreadable));
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
      // The key passed refuseForeignKey: its account is this resource's (a pinned rotation included).
      outputs.accountFingerprint = connection.fingerprint;
      return { id, props: outputs, inputs: inputsOf(outputs) };
    });
  });
}

/**
 * Sends only the PUTs whose fields changed, credentials first. A settings PUT carries Qard's live settings
 * merged with the stack's (one list read), so settings the stack does not manage survive even if Qard
 * replaces the whole object. Credentials removed from the inputs are no longer managed: nothing is sent.
 */
export function update(
  stackConnection: ConnectionConfig,
  id: string,
  olds: Partial<ProviderOutputs>,
  news: ProviderInputs,
): Promise<{ outs: ProviderOutputs }> {
  return withSafeErrors(async () => {
    // `account` replaces the resource: an update stays in the account it was created in.
    const config = connectionForAccount(stackConnection, news.account);
    return withKeySourceOnRefusal(config, async () => {
      rememberSecrets(olds.credentials);
      rememberSecrets(news.credentials);
      const name = news.providerName;
      const changes = diffConfig(olds, news);
      const desired = desiredOf(news);
      let known: KnownState = {
        credentialsCurrent: !changes.credentialsChanged,
        settings: olds.settings ?? {},
        enabled: olds.available === false ? false : (olds.enabled ?? false),
      };
      const connection = await clientFor(config);
      refuseForeignKey(connection, config, olds.accountFingerprint);
      const { client, account } = connection;
      if (planWrites(desired, known).some((write) => write.kind === "settings")) {
        const live = await requireLiveProvider(connection, name);
        known = { ...known, settings: live.settings };
      }
      const writes = planWrites(desired, known);
      const credentials = writes.some((w) => w.kind === "credentials")
        ? await desiredCredentials(news, undefined)
        : undefined;
      const outputs = (state: KnownState): ProviderOutputs => {
        // Without credentials in the inputs there is nothing to keep in state: the stack let go of them.
        const credentialFields = state.credentialsCurrent || !desired.hasCredentials ? news : olds;
        const out: ProviderOutputs = {
          ...news,
          settings: managedSettings(news.settings, state.settings),
          enabled: state.enabled,
          credentialsSource: credentialsSourceOf(credentialFields),
          available: olds.available !== false || state.enabled,
        };
        for (const key of CREDENTIAL_FIELDS) {
          if (credentialFields[key] === undefined) delete out[key];
          else (out as unknown as Record<string, unknown>)[key] = credentialFields[key];
        }
        return out;
      };
      const done = await applyWrites({ client, account, name, credentials }, writes, known, outputs);
      return { outs: outputs(done) };
    });
  });
}

/** Qard has no delete: a removed configuration is disabled (one PUT). */
export function remove(
  stackConnection: ConnectionConfig,
  id: string,
  props: Partial<ProviderOutputs>,
): Promise<void> {
  return withSafeErrors(async () => {
    const config = connectionForAccount(stackConnection, props.account);
    return withKeySourceOnRefusal(config, async () => {
      rememberSecrets(props.credentials);
      const name = props.providerName ?? id;
      const connection = await clientFor(config);
      refuseForeignKey(connection, config, props.accountFingerprint);
      const { client, account } = connection;
      try {
        await client.setEnabled(name, false);
      } catch (error) {
        const failed = `Qard provider "${name}": could not disable it: ${messageOf(error)}`;
        if (!(error instanceof (await loadQard()).QardNotFoundError)) {
          throw new Error(`${failed}; ${nextStepAfter(error)}`, { cause: error });
        }
        const absence = await confirmAbsent(client, name);
        if (absence.absent) return;
        throw new Error(
          `${failed}; ${absence.why}, so nothing says the provider is gone and it stays in the stack. ` +
            `Check that ${connection.apiUrlSetting} (${connection.baseUrl}) is the Qard API's base URL`,
          { cause: error },
        );
      } finally {
        forgetLiveProvider(account, name);
      }
    });
  });
}

function notAvailable(name: string): Error {
  return new Error(
    `Qard provider "${name}" is not available for this account, so it cannot be enabled: ask Qard to make it available, or set enabled: false`,
  );
}
