import { expect } from "vitest";
import type { LoadedProvider } from "./serialized-provider.ts";

/** The refusal a provider gives for a resource whose recorded account is not the one its key points at now. */
export const ANOTHER_ACCOUNT = /now points at another Qard account/;

/** An update (disabling it) and a delete of `name`, created as `outs`, are both refused as another account. */
export async function expectWritesRefusedAsAnotherAccount(
  provider: Pick<LoadedProvider, "update" | "delete">,
  name: string,
  inputs: Record<string, unknown>,
  outs: unknown,
): Promise<void> {
  const olds = outs as never;
  await expect(provider.update(name, olds, { ...inputs, enabled: false } as never)).rejects.toThrow(
    ANOTHER_ACCOUNT,
  );
  await expect(provider.delete(name, olds)).rejects.toThrow(ANOTHER_ACCOUNT);
}
