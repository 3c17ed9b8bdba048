/**
 * moto for the tests of one file: at the top of the file (before anything that reads AWS variables),
 *   const aws = startTestMoto();   // started before its tests, stopped after them
 * Starts moto, points the AWS SDK of this process at it (process.env, put back afterwards) and hands a
 * Secrets Manager client of it to the tests.
 */
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll } from "vitest";
import { startMoto, type MotoServer } from "./moto.ts";
import { setProcessEnv } from "./process-env.ts";

export interface TestMoto {
  readonly server: MotoServer;
  /** A Secrets Manager client of the server, for tests to create and rotate secrets. */
  readonly secrets: SecretsManagerClient;
}

/** Registers beforeAll/afterAll hooks while the file is collected; read the handle inside tests and hooks. */
export function startTestMoto(): TestMoto {
  let running: TestMoto | undefined;
  let restoreEnv: (() => void) | undefined;
  beforeAll(async () => {
    const server = await startMoto();
    restoreEnv = setProcessEnv(server.env);
    running = { server, secrets: server.secretsClient() };
  });
  afterAll(async () => {
    restoreEnv?.();
    running?.secrets.destroy();
    await running?.server.stop();
  });
  const current = (): TestMoto => {
    if (running === undefined) {
      throw new Error("moto is not running: use it inside tests or hooks, not while collecting.");
    }
    return running;
  };
  return {
    get server() {
      return current().server;
    },
    get secrets() {
      return current().secrets;
    },
  };
}
