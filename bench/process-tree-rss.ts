import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { TreeRssPeak } from "./process-tree-rss-worker.ts";

export type { TreeRssPeak } from "./process-tree-rss-worker.ts";

export const SAMPLE_INTERVAL_MS = 50;

/**
 * Peak resident memory of this process's descendants (the `pulumi` CLI processes and the dynamic-provider
 * process the engine starts), sampled from /proc every 50 ms. This process itself is left out: it also
 * hosts the inline program, the emulator and the benchmark, so its memory would not be the engine's. A page
 * shared by two processes counts twice; a process that lives less than 50 ms can be missed.
 */
export class ProcessTreeRss {
  readonly #worker: Worker;

  constructor() {
    this.#worker = new Worker(new URL("./process-tree-rss-worker.ts", import.meta.url), {
      workerData: { rootPid: process.pid, intervalMs: SAMPLE_INTERVAL_MS },
    });
  }

  /** Runs `operation` while sampling; returns its result, its wall time and the peak. */
  async measure<T>(operation: () => Promise<T>): Promise<{ result: T; wallMs: number; rss: TreeRssPeak }> {
    this.#worker.postMessage({ type: "start" });
    const started = performance.now();
    const outcome = await operation().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const wallMs = performance.now() - started;
    this.#worker.postMessage({ type: "stop" });
    const [rss] = (await once(this.#worker, "message")) as [TreeRssPeak];
    if (!outcome.ok) throw outcome.error;
    return { result: outcome.value, wallMs, rss };
  }

  /** Must be called at the end, also on failure: a running worker keeps the process alive. */
  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}
