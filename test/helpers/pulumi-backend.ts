import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const TEST_PASSPHRASE = "qard-iac-test-passphrase";

export interface TestBackend {
  /** file:// URL of a fresh, empty local state backend. */
  url: string;
  dir: string;
  /** Environment for the CLI: the backend and the passphrase that encrypts secrets in state. */
  env: Record<string, string>;
  remove(): Promise<void>;
}

/** A throwaway `file://` state backend; call `remove()` in teardown. */
export async function createTestBackend(): Promise<TestBackend> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "qard-iac-state-"));
  const url = pathToFileURL(dir).href;
  return {
    url,
    dir,
    env: { PULUMI_BACKEND_URL: url, PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
