/**
 * A Secrets Manager endpoint that accepts connections and never answers (a stalled proxy or VPC endpoint):
 * a read fails within its time limit with a message that says what to check, and a cancelled read ends at
 * once. The endpoint is a real listener on 127.0.0.1, reached by the real AWS SDK through its standard
 * endpoint variable; moto cannot play a server that hangs.
 */
import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSecretText, SecretSourceError } from "../../providers/src/internal.ts";
import { listenAsSecretsManager } from "../helpers/secrets-manager-endpoint.ts";

let server: Server;
const sockets = new Set<Socket>();
let connections = 0;
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  restoreEnv = await listenAsSecretsManager(server);
});

afterAll(async () => {
  restoreEnv?.();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe("reading a secret from an endpoint that never answers", () => {
  it("fails within its time limit, naming the secret and what to check", async () => {
    const before = connections;
    const error = await readSecretText({ secretId: "qard/stalled/shopify" }, { timeoutMs: 400 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SecretSourceError);
    expect((error as Error).message).toBe(
      'reading secret "qard/stalled/shopify" (stage AWSCURRENT) got no answer from Secrets Manager within 0.4 s: ' +
        "check the network path to Secrets Manager (proxy, VPC endpoint, AWS_ENDPOINT_URL_SECRETS_MANAGER) and AWS_REGION",
    );
    expect(connections).toBeGreaterThan(before);
  });

  it("ends at once when the caller cancels, whatever the time limit", async () => {
    const controller = new AbortController();
    const connected = once(server, "connection");
    const pending = readSecretText(
      { secretId: "qard/stalled/shopify" },
      { timeoutMs: 600_000, signal: controller.signal },
    ).catch((e: unknown) => e);
    await connected;
    controller.abort();
    const error = await pending;
    expect((error as Error).message).toBe(
      'reading secret "qard/stalled/shopify" (stage AWSCURRENT) was cancelled',
    );
  });
});
