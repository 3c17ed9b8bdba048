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
// Each method is one expression on purpose: this text is stored twice per resource in state, so every
// character here is paid by every resource of every stack.
export class QardProviderConfigProvider implements pulumi.dynamic.ResourceProvider {
  declare connection: ConnectionConfig | undefined;

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.connection = (require("@qard-iac/pulumi-qard/runtime/v1") as Runtime).connectionConfigFrom((key) =>
      req.config.get(key),
    );
  }

  async check(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    return (require("@qard-iac/pulumi-qard/runtime/v1") as Runtime).check(news, {
      olds,
      connection: this.connection ?? {},
    });
  }

  async diff(_id: string, olds: ProviderOutputs, news: ProviderInputs): Promise<pulumi.dynamic.DiffResult> {
    return (require("@qard-iac/pulumi-qard/runtime/v1") as Runtime).diff(olds, news);
  }

  async create(inputs: ProviderInputs): Promise<pulumi.dynamic.CreateResult> {
    return (require("@qard-iac/pulumi-qard/runtime/v1") as Runtime).create(this.connection ?? {}, inputs);
  }

  async read(id: string, props: ProviderOutputs): Promise<pulumi.dynamic.ReadResult> {
    return (require("@qard-iac/pulumi-qard/runtime/v1") as Runtime).read(this.connection ?? {}, id, props);
  }

  async update(
    id: string,
    olds: ProviderOutputs,
    news: ProviderInputs,
  ): Promise<pulumi.dynamic.UpdateResult> {
    return (require("@qard-iac/pulumi-qard/runtime/v1") as Runtime).update(
      this.connection ?? {},
      id,
      olds,
      news,
    );
  }

  async delete(id: string, props: ProviderOutputs): Promise<void> {
    return (require("@qard-iac/pulumi-qard/runtime/v1") as Runtime).remove(this.connection ?? {}, id, props);
  }
}
