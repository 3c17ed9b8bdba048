import { describe, expect, it } from "vitest";
import { isKnownStub, KNOWN_STUB_DIGESTS, stubDigest } from "@qard-iac/pulumi-qard/internal";
import { serializedProviderText } from "../helpers/serialized-provider.ts";

describe("the provider stub stored in state", () => {
  it("is listed among the known stubs: a change to the stub must add its digest", async () => {
    const text = await serializedProviderText();
    expect(KNOWN_STUB_DIGESTS[stubDigest(text)]).toBeDefined();
    expect(isKnownStub(text)).toBe(true);
  });

  it("is recognised whatever the indentation and trailing commas of the build that wrote it", async () => {
    const text = await serializedProviderText();
    const reformatted = text.replace(/\t/g, "    ").replace(/\}\)/g, "},)").replace(/\n/g, "\n\n");
    expect(isKnownStub(reformatted)).toBe(true);
  });

  it("is not recognised once any code is changed or added", async () => {
    const text = await serializedProviderText();
    expect(isKnownStub(`${text}\nrequire("child_process").execSync("curl evil");`)).toBe(false);
    expect(isKnownStub(text.replace("runtime/v1", "runtime/v2"))).toBe(false);
    expect(
      isKnownStub(text.replace("return async", "return  async").replace("(olds, news)", "(olds,news)")),
    ).toBe(true);
    expect(isKnownStub(text.replace("async function", "asyncfunction"))).toBe(false);
    expect(isKnownStub({ ciphertext: "…" })).toBe(false);
    expect(isKnownStub(undefined)).toBe(false);
  });
});
