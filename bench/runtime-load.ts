import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { projectRoot } from "../infra/project-root.ts";
import { median } from "./stats.ts";

export interface RuntimeLoad {
  /** Median time to load the Qard runtime in a fresh Node.js process that already loaded @pulumi/pulumi. */
  ms: number;
  /** Median growth of that process's RSS, in KiB. */
  rssKb: number;
  /**
   * Median time to load, after the runtime, what its first Qard call loads: the client and its HTTP stack.
   * Absent from results written before it was measured.
   */
  clientMs?: number;
  runs: number;
}

// What the dynamic-provider process does on its first method call: it has @pulumi/pulumi loaded already,
// then the stub requires the runtime by package name from the project folder. The first method that calls
// Qard (check of a new resource, create, read...) then loads the client, as the runtime's loadQard does.
const PROBE = `
require("@pulumi/pulumi");
const rss = process.memoryUsage().rss;
const started = performance.now();
require("@qard-iac/pulumi-qard/runtime/v1");
const loaded = performance.now();
const rssKb = (process.memoryUsage().rss - rss) / 1024;
import("@qard-iac/pulumi-qard/qard").then(() => {
  console.log(JSON.stringify({ ms: loaded - started, rssKb, clientMs: performance.now() - loaded }));
});
`;

/** The one-off cost of loading the Qard runtime that each dynamic-provider process pays, measured apart. */
export async function measureRuntimeLoad(runs: number): Promise<RuntimeLoad> {
  const samples: { ms: number; rssKb: number; clientMs: number }[] = [];
  for (let run = 0; run < runs; run += 1) {
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", PROBE], {
      cwd: projectRoot(),
      timeout: 60_000,
    });
    samples.push(JSON.parse(stdout) as { ms: number; rssKb: number; clientMs: number });
  }
  return {
    ms: Math.round(median(samples.map((sample) => sample.ms))),
    rssKb: Math.round(median(samples.map((sample) => sample.rssKb))),
    clientMs: Math.round(median(samples.map((sample) => sample.clientMs))),
    runs,
  };
}
