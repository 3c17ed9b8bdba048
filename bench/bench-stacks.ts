import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation/index.js";
import { projectRoot } from "../infra/project-root.ts";
import { openStack } from "../workflows/stacks/stack.ts";
import { messageOf } from "@qard-iac/pulumi-qard/internal";

export interface BenchStack {
  name: string;
  stack: Stack;
}

/**
 * The throwaway `bench-*` stacks of one run, all on the same temporary backend. They are recorded as they
 * are opened so that `removeAll()` finds every one of them, also after a failure half-way through.
 */
export class BenchStacks {
  readonly #env: Record<string, string>;
  readonly #runId = randomBytes(3).toString("hex");
  readonly #opened = new Map<string, Stack | undefined>();
  #closed = false;

  constructor(env: Record<string, string>) {
    this.#env = env;
  }

  /** Opens `bench-<label>-<run id>`; `program` defaults to the Qard stack program. */
  async open(label: string, program?: PulumiFn): Promise<BenchStack> {
    // After an interrupt the benchmark's main flow may still be running: it must not leave new stacks.
    if (this.#closed) throw new Error("the bench stacks are being removed");
    const name = `bench-${label}-${this.#runId}`;
    // Recorded before the CLI runs: a failed `stack init` may still leave Pulumi.<name>.yaml behind.
    this.#opened.set(name, undefined);
    const stack = await openStack({
      stackName: name,
      env: this.#env,
      create: true,
      ...(program ? { program } : {}),
    });
    this.#opened.set(name, stack);
    return { name, stack };
  }

  /** Removes every stack and its `Pulumi.<stack>.yaml`; returns what could not be removed instead of throwing. */
  async removeAll(): Promise<string[]> {
    this.#closed = true;
    const problems: string[] = [];
    for (const [name, stack] of this.#opened) {
      if (stack) {
        await stack.workspace.removeStack(name, { force: true }).catch((error: unknown) => {
          problems.push(`stack ${name}: ${messageOf(error).split("\n")[0]}`);
        });
      }
      // `stack rm` deletes the file too, except when it failed or the stack was never created.
      await rm(path.join(projectRoot(), `Pulumi.${name}.yaml`), { force: true });
      this.#opened.delete(name);
    }
    return problems;
  }
}
