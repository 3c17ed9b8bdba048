import { randomBytes } from "node:crypto";
import type { EngineEvent, PulumiFn, Stack } from "@pulumi/pulumi/automation/index.js";
import { openStack, setStackConfig } from "../../workflows/stacks/stack.ts";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator/server.ts";
import { createTestBackend, type TestBackend } from "./pulumi-backend.ts";
import { startMoto, type MotoServer } from "./moto.ts";

export interface E2eStack {
  stackName: string;
  stack: Stack;
  emulator: RunningEmulator;
  moto?: MotoServer;
  backend: TestBackend;
  /** Everything the CLI printed and every engine event, across all operations so far. */
  transcript: { output: string[]; events: EngineEvent[] };
  /** Options that record the transcript; spread into every stack operation. */
  record: { onOutput: (out: string) => void; onEvent: (event: EngineEvent) => void };
  dispose(): Promise<void>;
}

export interface E2eStackOptions {
  /** Prefix of the stack name; a random suffix keeps runs apart. */
  name: string;
  apiKey: string;
  withMoto?: boolean;
  emulator?: EmulatorOptions;
  /** Stack config besides qard:apiUrl and qard:apiKey. */
  config: (env: { emulator: RunningEmulator; moto?: MotoServer }) => Record<string, unknown>;
  secretConfig?: Record<string, string>;
  /** Share another stack's backend and moto (e.g. staging and prod of one project); not disposed here. */
  shareWith?: E2eStack;
  /** A program of the test's own instead of the project's (e.g. to declare resources the config cannot). */
  program?: PulumiFn;
}

/**
 * A stack of the real project on a throwaway file backend, pointed at a fresh emulator (and moto). Its
 * Pulumi.<stack>.yaml lives in the project folder while the test runs and is removed by dispose().
 */
export async function createE2eStack(options: E2eStackOptions): Promise<E2eStack> {
  const emulator = await startEmulator({ apiKeys: [options.apiKey], ...options.emulator });
  const shared = options.shareWith;
  const moto = shared ? shared.moto : options.withMoto ? await startMoto() : undefined;
  const backend = shared ? shared.backend : await createTestBackend();
  const stackName = `e2e-${options.name}-${randomBytes(3).toString("hex")}`;
  const env = { ...backend.env, ...(moto?.env ?? {}) };
  const stack = await openStack({
    stackName,
    env,
    create: true,
    ...(options.program ? { program: options.program } : {}),
  });
  await setStackConfig(
    stack,
    { "qard:apiUrl": emulator.baseUrl, ...options.config({ emulator, ...(moto ? { moto } : {}) }) },
    { "qard:apiKey": options.apiKey, ...options.secretConfig },
  );
  const transcript = { output: [] as string[], events: [] as EngineEvent[] };
  return {
    stackName,
    stack,
    emulator,
    ...(moto ? { moto } : {}),
    backend,
    transcript,
    record: {
      onOutput: (out) => transcript.output.push(out),
      onEvent: (event) => transcript.events.push(event),
    },
    dispose: async () => {
      await stack.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
      await emulator.close();
      if (shared) return;
      await moto?.stop();
      await backend.remove();
    },
  };
}
