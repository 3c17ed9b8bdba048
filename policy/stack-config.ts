// The stack's `qard:*` config as a policy sees it: the inputs of the default dynamic provider (the engine
// hands it the whole stack config, structured values as JSON text, secrets decrypted — never quote them).

/** Where the program sends API calls: `qard:apiUrl`, else QARD_API_URL, else Qard's own https URL. */
export const DEFAULT_API_URL = "https://api.qardfinance.com";

export function apiUrlOf(providerProps: Record<string, unknown>, env: NodeJS.ProcessEnv): string {
  const configured = providerProps["qard:apiUrl"];
  if (typeof configured === "string" && configured !== "") return configured;
  return env.QARD_API_URL || DEFAULT_API_URL;
}

/** `qard:reviewedDisable`: the providers whose disabling or removal in this stack has been reviewed. */
export function reviewedDisableOf(providerProps: Record<string, unknown>): string[] {
  const raw = providerProps["qard:reviewedDisable"];
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
