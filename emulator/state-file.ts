/** Optional persistence of the emulator state, so that a demo survives a restart. */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Catalogue } from "./catalogue.ts";
import { initialState, stateFromJson, type EmulatorState } from "./state.ts";
import { messageOf } from "@qard-iac/pulumi-qard/internal";

export function loadStateFile(path: string, catalogue: Catalogue): EmulatorState {
  if (!existsSync(path)) return initialState(catalogue);
  try {
    return stateFromJson(JSON.parse(readFileSync(path, "utf8")), catalogue);
  } catch (error) {
    // Starting empty would silently lose the demo's account; better to stop and say which file is bad.
    const reason = messageOf(error);
    throw new Error(`Cannot load the emulator state file ${path}: ${reason}. Fix or delete it.`, {
      cause: error,
    });
  }
}

/**
 * Writes synchronously, before the answer is sent, so a client that restarts the emulator right after a
 * response finds the change. The temporary file + rename keeps a crash from leaving half a file; the file
 * holds credentials, hence owner-only permissions.
 */
export function saveStateFile(path: string, state: EmulatorState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: 1, ...state }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
