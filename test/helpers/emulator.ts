/**
 * Test helpers for the Qard emulator. At the top of a test file or describe block:
 *   const emulator = startTestEmulator({ syncDelayMs: 20 });   // started before its tests, closed after them
 * or inside a single test: `const emulator = await startEmulatorUntilTestEnds();` (closed when that test finishes).
 * Client tests that want a fresh emulator state per test use test/qard/helpers/emulator.ts instead.
 */
import { afterAll, beforeAll, onTestFinished } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator/server.ts";

export const EMULATOR_API_KEY = "emulator-key";

/**
 * Registers beforeAll/afterAll hooks (vitest ignores hooks registered from inside another hook, so this is
 * called while the suite is collected) and returns a handle that reads the running emulator lazily.
 */
export function startTestEmulator(options?: EmulatorOptions): RunningEmulator {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator(options);
  });
  afterAll(async () => {
    await running?.close();
  });
  const current = (): RunningEmulator => {
    if (running === undefined) {
      throw new Error(
        "The test emulator is not running: use it inside tests or hooks, not while collecting.",
      );
    }
    return running;
  };
  return {
    get baseUrl() {
      return current().baseUrl;
    },
    get port() {
      return current().port;
    },
    get control() {
      return current().control;
    },
    close: () => current().close(),
  };
}

/** Starts an emulator for the current test only; must be called inside a test. */
export async function startEmulatorUntilTestEnds(options?: EmulatorOptions): Promise<RunningEmulator> {
  const started: { emulator?: RunningEmulator } = {};
  // Registered first: outside a test this throws before any server is started.
  onTestFinished(async () => {
    await started.emulator?.close();
  });
  started.emulator = await startEmulator(options);
  return started.emulator;
}

export interface CallOptions {
  body?: unknown;
  /** X-API-KEY to send; default the emulator's default key, `null` to send none. */
  apiKey?: string | null;
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  json: unknown;
  text: string;
}

/** One HTTP call to the emulator with global fetch; JSON in, JSON out. */
export async function call(
  emulator: Pick<RunningEmulator, "baseUrl">,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { accept: "application/json" };
  const apiKey = options.apiKey === undefined ? EMULATOR_API_KEY : options.apiKey;
  if (apiKey !== null) headers["x-api-key"] = apiKey;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const init: RequestInit = { method, headers };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  if (options.signal !== undefined) init.signal = options.signal;
  const response = await fetch(`${emulator.baseUrl}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === "" ? undefined : JSON.parse(text),
    text,
  };
}
