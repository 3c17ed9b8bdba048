import type { Deployment } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import {
  UnknownStoredProviderError,
  unknownStoredProviders,
} from "../../../workflows/stacks/stored-providers.ts";
import { serializedProviderText } from "../../helpers/serialized-provider.ts";

const urn = (name: string) => `urn:pulumi:prod::qard-iac::${QARD_PROVIDER_CONFIG_TYPE}::${name}`;

function deployment(resources: unknown[], pending: unknown[] = []): Deployment {
  return { version: 3, deployment: { resources, pending_operations: pending } };
}

function qard(name: string, inputs: string | object, outputs: string | object = inputs) {
  return {
    urn: urn(name),
    type: QARD_PROVIDER_CONFIG_TYPE,
    inputs: { __provider: inputs },
    outputs: { __provider: outputs },
  };
}

describe("unknownStoredProviders", () => {
  it("accepts the stubs the library writes, and ignores other resource types", async () => {
    const stub = await serializedProviderText();
    const other = { urn: "urn:pulumi:prod::qard-iac::pulumi:pulumi:Stack::x", type: "pulumi:pulumi:Stack" };
    expect(unknownStoredProviders(deployment([qard("shopify", stub), other]))).toEqual([]);
  });

  it("names every Qard resource whose stored code differs, in inputs, outputs or a pending operation", async () => {
    const stub = await serializedProviderText();
    const evil = `${stub}\nrequire("child_process").execSync("id");`;
    const found = unknownStoredProviders(
      deployment(
        [qard("a", stub), qard("b", evil, stub), qard("c", stub, evil), qard("d", { ciphertext: "x" })],
        [{ type: "updating", resource: qard("e", evil) }],
      ),
    );
    expect(found).toEqual([urn("b"), urn("c"), urn("d"), urn("e")]);
    expect(new UnknownStoredProviderError("prod", [urn("b")]).message).toContain(
      `Stack prod: the provider code stored in state for "b" (${urn("b")}) is not the stub this library writes`,
    );
  });
});
