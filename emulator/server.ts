/**
 * A real HTTP server that behaves like the Qard API v6, for tests and an offline demo.
 *
 *   const emulator = await startEmulator({ shapes: { list: "envelope" } });
 *   await fetch(`${emulator.baseUrl}/api/v6/providers`, { headers: { "X-API-KEY": "emulator-key" } });
 *   await emulator.close();
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { catalogueWith } from "./catalogue.ts";
import { createControl, type EmulatorControl } from "./control.ts";
import { FaultTable } from "./faults.ts";
import { createRequestHandler } from "./handler.ts";
import { normalizeOptions, type EmulatorOptions } from "./options.ts";
import { RequestLog } from "./request-log.ts";
import type { EmulatorRuntime } from "./runtime.ts";
import { loadStateFile } from "./state-file.ts";
import { initialState } from "./state.ts";

export type { EmulatorControl, ProviderPatch } from "./control.ts";
export type { FaultSpec } from "./faults.ts";
export type { EmulatorOptions } from "./options.ts";
export type { RequestLogEntry } from "./request-log.ts";
export type { AnswerShapes } from "./shapes.ts";
export type { CredentialKey, CredentialType, ProviderDefinition } from "./catalogue.ts";

export interface RunningEmulator {
  baseUrl: string;
  port: number;
  control: EmulatorControl;
  /** Stops listening and ends every connection, hanging ones included. */
  close(): Promise<void>;
}

/** `http://host:port`, with IPv6 hosts in brackets. */
function baseUrlOf(host: string, port: number): string {
  return host.includes(":") ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const settings = normalizeOptions(options);
  const catalogue = catalogueWith(settings.extraProviders);
  const runtime: EmulatorRuntime = {
    catalogue,
    state:
      settings.stateFile === undefined
        ? initialState(catalogue)
        : loadStateFile(settings.stateFile, catalogue),
    shapes: { ...settings.shapes },
    initialShapes: settings.shapes,
    faults: new FaultTable(),
    log: new RequestLog(),
    apiKeys: settings.apiKeys,
    syncDelayMs: settings.syncDelayMs,
    stateFile: settings.stateFile,
    baseUrl: "",
    timers: new Set(),
  };
  for (const fault of settings.faults) runtime.faults.add(fault);
  const control = createControl(runtime);
  const server = createServer(createRequestHandler(runtime, control));
  const address = await listen(server, settings.host, settings.port);
  runtime.baseUrl = baseUrlOf(settings.host, address.port);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      for (const timer of runtime.timers) clearTimeout(timer);
      runtime.timers.clear();
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      // Hanging requests and idle keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
    });
    return closing;
  };
  return { baseUrl: runtime.baseUrl, port: address.port, control, close };
}
