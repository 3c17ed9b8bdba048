import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation/index.js";

/**
 * The baseline of the engine-overhead figures: a dynamic provider with the same methods as the Qard one,
 * each doing nothing. The engine, the Node.js language host and the dynamic-provider process are the same
 * for both stacks, so the Qard/baseline ratio isolates what our program and provider add.
 */
export class NoopProvider implements pulumi.dynamic.ResourceProvider {
  async configure(_req: pulumi.dynamic.ConfigureRequest): Promise<void> {}

  async check(
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    return { inputs: news };
  }

  async diff(): Promise<pulumi.dynamic.DiffResult> {
    return { changes: false };
  }

  async create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    return { id: String(inputs.label), outs: inputs };
  }

  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    return { id, props };
  }

  async update(
    _id: string,
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: news };
  }

  async delete(): Promise<void> {}
}

class NoopResource extends pulumi.dynamic.Resource {
  constructor(name: string) {
    super(new NoopProvider(), name, { label: name }, {}, "bench", "Noop");
  }
}

export const BASELINE_RESOURCE_TYPE = "pulumi-nodejs:dynamic/bench:Noop";

/** A stack program of `count` no-op resources. */
export function baselineProgram(count: number): PulumiFn {
  return async () => {
    for (let index = 0; index < count; index += 1) new NoopResource(`noop-${index}`);
  };
}
