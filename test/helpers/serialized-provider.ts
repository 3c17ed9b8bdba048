import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";
import { QardProviderConfigProvider } from "@qard-iac/pulumi-qard/internal";

const requireHere = createRequire(import.meta.url);
// The loader Pulumi's dynamic-provider process uses for `__provider` (an empty file name, so `require`
// inside the provider resolves from the working directory's node_modules, as in the engine's process).
const requireFromString = requireHere("require-from-string") as (
  code: string,
  filename?: string,
) => {
  handler: () => pulumi.dynamic.ResourceProvider;
};

export type LoadedProvider = Required<pulumi.dynamic.ResourceProvider>;

/** The provider text exactly as Pulumi stores it in each resource's state. */
export async function serializedProviderText(): Promise<string> {
  const provider = new QardProviderConfigProvider();
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}

/**
 * Loads the provider from its serialized text and configures it with stack config, as the engine's
 * dynamic-provider process does: tests then call the very object `pulumi up` would.
 */
export async function loadSerializedProvider(stackConfig: Record<string, string>): Promise<LoadedProvider> {
  const provider = requireFromString(await serializedProviderText(), "").handler() as LoadedProvider;
  const get = (key: string) => stackConfig[key.includes(":") ? key : `qard-iac:${key}`];
  await provider.configure({
    config: {
      get,
      require: (key: string) => {
        const value = get(key);
        if (value === undefined) throw new Error(`Missing required configuration key: ${key}`);
        return value;
      },
    },
  });
  return provider;
}

/**
 * Drops the provider lists the runtime shares between the resources of one operation. The test process
 * lives across many operations and changes Qard between them; the engine's provider process does not.
 * Required the way the serialized provider requires it, so this is the same module instance.
 */
export function forgetProviderLists(): void {
  const runtime = requireHere("@qard-iac/pulumi-qard/runtime/v1") as { forgetLiveProviders(): void };
  runtime.forgetLiveProviders();
}
