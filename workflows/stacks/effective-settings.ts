import { isRecord } from "@qard-iac/pulumi-qard/internal";
import type { RawProvider } from "./stack-file.ts";

/** enabled (default true) and settings with autoConnect folded in: what Qard ends up with. */
export function effectiveSettings(provider: RawProvider | undefined): Record<string, unknown> {
  if (!provider) return {};
  const settings = isRecord(provider.settings) ? { ...provider.settings } : {};
  if (provider.autoConnect !== undefined) settings.auto_connect = provider.autoConnect;
  const effective: Record<string, unknown> = { enabled: provider.enabled ?? true };
  for (const [key, value] of Object.entries(settings)) effective[`settings.${key}`] = value;
  return effective;
}
