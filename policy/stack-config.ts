// The stack's `qard:*` config as a policy sees it: the inputs of the default dynamic provider (the engine
// hands it the whole stack config, structured values as JSON text, secrets decrypted — never quote them).
import {
  apiUrlFrom,
  connectionConfigFrom,
  connectionForAccount,
  ownValue,
} from "@qard-iac/pulumi-qard/internal";

/** Where the program sends API calls, resolved as the provider resolves it. */
export function apiUrlOf(providerProps: Record<string, unknown>, env: NodeJS.ProcessEnv): string {
  return apiUrlFrom(
    connectionConfigFrom((key) => {
      const value = ownValue(providerProps, key);
      return typeof value === "string" ? value : undefined;
    }),
    env,
  );
}

/**
 * Every API URL the stack sends a key to, with the setting that gives it: `qard:apiUrl` (as the provider
 * resolves it) for the one-account form, and each account's `qard:accounts.<account>.apiUrl`.
 */
export function apiUrlsOf(
  providerProps: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): Array<{ setting: string; url: string }> {
  const config = connectionConfigFrom((key) => {
    const value = ownValue(providerProps, key);
    return typeof value === "string" ? value : undefined;
  });
  const accounts = Object.keys(config.accounts ?? {});
  if (accounts.length === 0) return [{ setting: "qard:apiUrl", url: apiUrlFrom(config, env) }];
  return accounts.map((account) => ({
    setting: `qard:accounts.${account}.apiUrl`,
    url: apiUrlFrom(connectionForAccount(config, account), env),
  }));
}

/** `qard:reviewedDisable`: the providers whose disabling or removal in this stack has been reviewed. */
export function reviewedDisableOf(providerProps: Record<string, unknown>): string[] {
  const raw = ownValue(providerProps, "qard:reviewedDisable");
  const value = typeof raw === "string" ? parseJson(raw) : raw;
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A plain string value (`pulumi config set qard:reviewedDisable shopify`) names one provider.
    return text;
  }
}
