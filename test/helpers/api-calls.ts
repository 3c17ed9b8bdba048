import type { EmulatorControl } from "../../emulator/server.ts";

/** The Qard calls the emulator received since the last clear, as "METHOD /path" lines. */
export function apiCalls(control: EmulatorControl): string[] {
  return control.requests().map((request) => `${request.method} ${request.path}`);
}

/** Only the writes. */
export function apiWrites(control: EmulatorControl): string[] {
  return apiCalls(control).filter((call) => !call.startsWith("GET "));
}
