import { spawn, type ChildProcess } from "node:child_process";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { toolsBinDir } from "../../workflows/stacks/pulumi-command.ts";
import { waitUntil } from "./wait-until.ts";

export interface MotoServer {
  endpoint: string;
  /** A Secrets Manager client of this server, for tests to create and rotate secrets. */
  secretsClient(): SecretsManagerClient;
  /** The AWS SDK's standard variables that point any client (ours, in any process) at this server. */
  env: Record<string, string>;
  /**
   * Starts moto's request recorder afresh; `secretsActions()` then lists the Secrets Manager actions
   * received since (e.g. "DescribeSecret", "GetSecretValue"), from any process.
   */
  startRecording(): Promise<void>;
  secretsActions(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Starts moto's server (installed by `npm run setup`) on a 127.0.0.1 port of its own choosing and waits until
 * it answers. It binds port 0 and prints the port it got: a port picked here and handed over could be taken by
 * another process in between (two test files starting servers at once did that).
 */
export async function startMoto(): Promise<MotoServer> {
  const recordingDir = mkdtempSync(path.join(tmpdir(), "moto-"));
  const child: ChildProcess = spawn(path.join(toolsBinDir(), "moto_server"), ["-H", "127.0.0.1", "-p", "0"], {
    stdio: ["ignore", "ignore", "pipe"],
    // The recorder writes where it is told, not into the working directory.
    env: {
      ...process.env,
      MOTO_RECORDER_FILEPATH: path.join(recordingDir, "log"),
    },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let endpoint = "";
  const answers = async (): Promise<boolean> => {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    const port = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr)?.[1];
    if (port === undefined) return false; // not bound yet
    endpoint = `http://127.0.0.1:${port}`;
    try {
      return (await fetch(`${endpoint}/moto-api/`)).status < 500;
    } catch {
      return false; // not listening yet
    }
  };
  try {
    await waitUntil("moto_server to answer on the port it printed", answers, (ok) => ok, {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}; its stderr: ${stderr.slice(-2000)}`, { cause: error });
  }
  const env = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: "eu-west-3",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
  };
  return {
    endpoint,
    env,
    secretsClient: () =>
      new SecretsManagerClient({
        endpoint,
        region: env.AWS_REGION,
        credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
      }),
    startRecording: async () => {
      await fetch(`${endpoint}/moto-api/recorder/reset-recording`, { method: "POST" });
      await fetch(`${endpoint}/moto-api/recorder/start-recording`, { method: "POST" });
    },
    secretsActions: async () => {
      const text = await (await fetch(`${endpoint}/moto-api/recorder/download-recording`)).text();
      return text
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => (JSON.parse(line) as { headers: Record<string, string> }).headers)
        .map((headers) => headers["X-Amz-Target"] ?? headers["x-amz-target"] ?? "")
        .filter((target) => target.startsWith("secretsmanager."))
        .map((target) => target.slice("secretsmanager.".length));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }).finally(() => rmSync(recordingDir, { recursive: true, force: true })),
  };
}
