import { afterEach } from "vitest";
import type { EmulatorControl, EmulatorOptions } from "../../../emulator/server.ts";
import { QardClient, type QardClientOptions } from "../../../providers/src/qard/index.ts";
import { startTestEmulator } from "../../helpers/emulator.ts";

export const API_KEY = "qk_test_7f3a9c2e51d84b06";

export interface EmulatorFixture {
  readonly baseUrl: string;
  readonly control: EmulatorControl;
  /** A client of this emulator with test-sized timeouts and waits; `options` override them. */
  client(options?: Partial<QardClientOptions>): QardClient;
}

/**
 * Starts one emulator for the enclosing describe block (port 0), resets it after each test, closes it after
 * the block and makes clients of it: the teardown is registered here, so no test can forget it.
 */
export function startEmulatorForClientSuite(options: EmulatorOptions = {}): EmulatorFixture {
  const emulator = startTestEmulator({ apiKeys: [API_KEY], syncDelayMs: 50, ...options });
  afterEach(() => emulator.control.reset());
  return {
    get baseUrl() {
      return emulator.baseUrl;
    },
    get control() {
      return emulator.control;
    },
    client: (overrides = {}) =>
      new QardClient({
        baseUrl: emulator.baseUrl,
        apiKey: API_KEY,
        timeoutMs: 500,
        timeScale: 0.01,
        retry: { maxAttempts: 4 },
        ...overrides,
      }),
  };
}

/** The calls the emulator received on one path (query excluded), in arrival order. */
export function callsTo(control: EmulatorControl, method: string, path: string) {
  return control.requests().filter((entry) => entry.method === method && entry.path === path);
}
