import { createHash } from "node:crypto";

/**
 * The provider code Pulumi stores in each resource's state (`__provider`) is run by every `refresh`,
 * `preview --refresh` and `destroy`, with the Qard key in reach. A state edited by hand or by a
 * compromised step can hold any code there. The library only ever writes its own stub (dynamic-provider.ts),
 * so a command can refuse to run the engine on a state holding anything else.
 *
 * Digests of the canonical stub text, per library release (and serializer): an upgrade must still accept
 * the stubs older releases wrote, since an unchanged resource keeps its stored stub. Add the new digest
 * whenever dynamic-provider.ts or the @pulumi/pulumi serializer changes (test/resource/provider-stub.spec.ts
 * fails until it is listed); never remove one while states written by that release may exist.
 */
export const KNOWN_STUB_DIGESTS: Readonly<Record<string, string>> = {
  // 0.2.0 as first built (each method loaded the runtime into a local `runtime`), @pulumi/pulumi 3.276.
  "8fc27a5d132d19f791902aefc37239567f4ceb8a9c21df87d434da145f68c49f": "0.2.0 (first stub)",
  // 0.2.0, each method one expression, @pulumi/pulumi 3.276.
  "68e3b7e72ab4d97428845bb5538559a5c3fdca72556ff511996b245db977c41b": "0.2.0",
};

/**
 * The stub text with formatting taken out: the same class compiled by tsc (the published build) or
 * transpiled by a test runner differs only in indentation and trailing commas. Every other character
 * counts: whitespace is dropped only where it cannot separate two words, and a comma only right before a
 * closing bracket, where JavaScript ignores it.
 */
export function canonicalStubText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/ (?=[^\w$])|(?<=[^\w$]) /g, "")
    .replace(/,([}\])])/g, "$1");
}

export function stubDigest(text: string): string {
  return createHash("sha256").update(canonicalStubText(text)).digest("hex");
}

/** True when `stored` is a stub this library (this release or an earlier one) writes. */
export function isKnownStub(stored: unknown): boolean {
  return typeof stored === "string" && Object.hasOwn(KNOWN_STUB_DIGESTS, stubDigest(stored));
}
