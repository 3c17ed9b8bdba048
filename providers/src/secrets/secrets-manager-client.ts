import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { loadSecretsManagerSdk } from "./secrets-manager-sdk.ts";

/** Time limits of one Secrets Manager read; tests shorten them. */
export interface SecretsCallLimits {
  /** Whole call, the SDK's own retries included. Default 30000 ms. */
  timeoutMs?: number;
  /** Aborting it ends the call at once (the run is being cancelled). */
  signal?: AbortSignal;
}

export const DEFAULT_SECRETS_TIMEOUT_MS = 30_000;
// A TCP connection to Secrets Manager takes milliseconds; seconds without one means it will not come.
const CONNECTION_TIMEOUT_MS = 5_000;

/**
 * A Secrets Manager client whose attempts cannot hang: the SDK's defaults have no request timeout at all
 * (and its requestTimeout only logs a warning unless told to throw), so an unreachable endpoint or a
 * stalled proxy would hold `pulumi preview` forever.
 */
export async function createSecretsManagerClient(
  region: string | undefined,
  limits: SecretsCallLimits,
): Promise<SecretsManagerClient> {
  const { SecretsManagerClient } = await loadSecretsManagerSdk();
  const timeoutMs = limits.timeoutMs ?? DEFAULT_SECRETS_TIMEOUT_MS;
  return new SecretsManagerClient({
    ...(region ? { region } : {}),
    requestHandler: {
      connectionTimeout: Math.min(CONNECTION_TIMEOUT_MS, timeoutMs),
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
    },
  });
}

/** The abort signal of one call: its deadline, and the caller's cancellation when there is one. */
export function callSignal(limits: SecretsCallLimits): AbortSignal {
  const deadline = AbortSignal.timeout(limits.timeoutMs ?? DEFAULT_SECRETS_TIMEOUT_MS);
  return limits.signal === undefined ? deadline : AbortSignal.any([deadline, limits.signal]);
}

/** Why a call ended without an answer, when it was our deadline or the caller's cancellation. */
export function interruptionOf(
  error: unknown,
  limits: SecretsCallLimits,
): "cancelled" | "timed out" | undefined {
  if (limits.signal?.aborted === true) return "cancelled";
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") return "timed out";
  return undefined;
}
