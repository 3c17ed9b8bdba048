// The stack's `qard:*` config as a policy sees it: the inputs of the default dynamic provider (the engine
// hands it the whole stack config, structured values as JSON text, secrets decrypted — never quote them).
import { apiUrlFrom, connectionConfigFrom, ownValue } from "@qard-iac/pulumi-qard/rules";

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
