import type { ProviderOutputs } from "./state.ts";

/**
 * Thrown when some writes reached Qard and a later one failed. Pulumi's dynamic-provider host reads `id`
 * and `properties` and records the resource with an initialization error, so the next `pulumi up` resumes
 * from what was written instead of starting over.
 */
export class PartialApplyError extends Error {
  override name = "PartialApplyError";
  readonly id: string;
  readonly properties: ProviderOutputs;
  readonly reasons: string[];
  constructor(id: string, properties: ProviderOutputs, message: string) {
    super(message);
    this.id = id;
    this.properties = properties;
    this.reasons = [message];
  }
}
