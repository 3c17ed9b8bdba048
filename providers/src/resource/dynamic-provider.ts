import type * as pulumi from "@pulumi/pulumi";
import type { ConnectionConfig } from "./connection.ts";
import type { ProviderInputs, ProviderOutputs } from "./state.ts";

type Runtime = typeof import("./runtime-v1.ts");

/**
 * The dynamic provider that Pulumi serializes into every resource's state (`__provider`).
 *
 * It must stay a class of methods only: Pulumi copies captured values into state by value, so a captured
 * client, schema or key would land there (in plaintext for a key). Each method loads the installed
 * library by package name at call time instead: `require` is the CommonJS require of the provider
 * process, which resolves from the project's node_modules. `refresh` and `destroy` run the stub stored
 * in state, so the entry point it names (`runtime/v1`) is a stable, versioned contract.
 *
 * Contract per method (see runtime-v1.ts):
 * - configure: records the `qard:*` stack config; the API key is resolved at call time, never stored.
 * - check: validates every input; resolves a Secrets Manager reference to its current version (metadata
 *   only); for a create or a replacement, looks the provider up in Qard (unknown name, adoption notice).
 * - diff: explicit per-property comparison; only `providerName` replaces.
 * - create: reads the live provider (one list per operation), validates the payload, writes credentials →
 *   settings → enable as needed. A failure after a first write is reported with the resource id, so the
 *   next `up` resumes.
 * - read: from the shared list; mirrors `enabled` and managed settings as inputs, so drift shows in preview.
 * - update: only the PUTs whose fields changed, credentials first.
 * - delete: disables the provider (Qard has no delete).
 */
export class QardProviderConfigProvider implements pulumi.dynamic.ResourceProvider {
  declare connection: ConnectionConfig | undefined;

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    const runtime: Runtime = require("@qard-iac/pulumi-qard/runtime/v1");
    this.connection = runtime.connectionConfigFrom((key) => req.config.get(key));
  }

  async check(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    const runtime: Runtime = require("@qard-iac/pulumi-qard/runtime/v1");
    return runtime.check(news, { olds, connection: this.connection ?? {} });
  }

  async diff(_id: string, olds: ProviderOutputs, news: ProviderInputs): Promise<pulumi.dynamic.DiffResult> {
    const runtime: Runtime = require("@qard-iac/pulumi-qard/runtime/v1");
    return runtime.diff(olds, news);
  }

  async create(inputs: ProviderInputs): Promise<pulumi.dynamic.CreateResult> {
    const runtime: Runtime = require("@qard-iac/pulumi-qard/runtime/v1");
    return runtime.create(this.connection ?? {}, inputs);
  }

  async read(id: string, props: ProviderOutputs): Promise<pulumi.dynamic.ReadResult> {
    const runtime: Runtime = require("@qard-iac/pulumi-qard/runtime/v1");
    return runtime.read(this.connection ?? {}, id, props);
  }

  async update(
    id: string,
    olds: ProviderOutputs,
    news: ProviderInputs,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const runtime: Runtime = require("@qard-iac/pulumi-qard/runtime/v1");
    return runtime.update(this.connection ?? {}, id, olds, news);
  }

  async delete(id: string, props: ProviderOutputs): Promise<void> {
    const runtime: Runtime = require("@qard-iac/pulumi-qard/runtime/v1");
    await runtime.remove(this.connection ?? {}, id, props);
  }
}
