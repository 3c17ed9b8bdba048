/**
 * The serialized provider (the object `pulumi up` runs) configured for one emulator with qard:apiUrl and
 * qard:apiKey: what the dynamic-provider.*.spec.ts files test against. At the top of the file:
 *   const { emulator, provider, checked } = startProviderOnEmulator();
 * The emulator starts before the file's tests and stops after them; before each test its state and
 * request log are reset and the provider lists the runtime shares within one operation are forgotten, as
 * each test is an operation of its own. A file that also reads secrets calls startTestMoto() first.
 */
import { beforeAll, beforeEach, expect } from "vitest";
import type { ProviderInputs } from "@qard-iac/pulumi-qard/internal";
import type { EmulatorOptions, RunningEmulator } from "../../emulator/server.ts";
import { EMULATOR_API_KEY, startTestEmulator } from "./emulator.ts";
import { forgetProviderLists, loadSerializedProvider, type LoadedProvider } from "./serialized-provider.ts";

export interface ProviderOnEmulator {
  readonly emulator: RunningEmulator;
  readonly provider: LoadedProvider;
  /** `check` as the engine calls it (`olds` empty for a create, the old inputs for an update); no failures. */
  checked(news: object, olds?: object): Promise<ProviderInputs>;
}

/** Registers its hooks while the file is collected; read the handle inside tests and hooks. */
export function startProviderOnEmulator(options: { emulator?: EmulatorOptions } = {}): ProviderOnEmulator {
  const emulator = startTestEmulator(options.emulator);
  let loaded: LoadedProvider | undefined;
  beforeAll(async () => {
    loaded = await loadSerializedProvider({
      "qard:apiUrl": emulator.baseUrl,
      "qard:apiKey": EMULATOR_API_KEY,
    });
  });
  beforeEach(() => {
    emulator.control.reset();
    forgetProviderLists();
  });
  const current = (): LoadedProvider => {
    if (loaded === undefined) {
      throw new Error("The provider is not loaded: use it inside tests or hooks, not while collecting.");
    }
    return loaded;
  };
  // Reads the loaded provider at each call, so the handle can be destructured while the file is collected.
  const provider = new Proxy({} as LoadedProvider, {
    get: (_target, method: keyof LoadedProvider) => {
      const loadedProvider = current();
      return loadedProvider[method].bind(loadedProvider);
    },
  });
  return {
    emulator,
    provider,
    async checked(news, olds = {}) {
      const result = await provider.check(olds as Record<string, unknown>, news as Record<string, unknown>);
      expect(result.failures ?? []).toEqual([]);
      return result.inputs as ProviderInputs;
    },
  };
}
