/**
 * Through the engine: a `__proto__` key in `qard:providers`. Before, zod dropped it silently, the map
 * looked empty past its guard, and `up` disabled every provider the stack managed. Now the program refuses
 * the key by name, before any write.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStackConfig } from "../../workflows/stacks/stack.ts";
import { QardClient } from "../../providers/src/qard/index.ts";
import { apiWrites } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";

const API_KEY = "e2e-proto-key-51c2";
let e2e: E2eStack;

beforeAll(async () => {
  e2e = await createE2eStack({
    name: "proto",
    apiKey: API_KEY,
    config: () => ({
      "qard:providers": { company_legal_fr: { enabled: true }, sandbox_public: { enabled: true } },
    }),
  });
  await e2e.stack.up({ ...e2e.record });
});

afterAll(async () => {
  await e2e?.dispose();
});

async function enabledInQard(): Promise<string[]> {
  const client = new QardClient({ baseUrl: e2e.emulator.baseUrl, apiKey: API_KEY });
  return (await client.listProviders()).filter((p) => p.enabled).map((p) => p.name);
}

describe("__proto__ as a provider key in qard:providers", () => {
  it.each([
    ["as the only key", '{"__proto__": {"enabled": true}}'],
    ["beside a provider", '{"__proto__": {"enabled": true}, "company_legal_fr": {"enabled": true}}'],
  ])("%s: up fails naming the key, before any write; the providers stay enabled", async (_what, json) => {
    expect(await enabledInQard()).toEqual(["company_legal_fr", "sandbox_public"]);
    // JSON.parse keeps __proto__ as an own key, as the SDK's config reading does; a literal would not.
    await setStackConfig(e2e.stack, { "qard:providers": JSON.parse(json) as unknown });
    const stored = await e2e.stack.getConfig("qard:providers");
    expect(Object.keys(JSON.parse(stored.value) as object)).toContain("__proto__");
    e2e.emulator.control.clearRequests();

    const error = (await e2e.stack.up({ ...e2e.record }).catch((e: unknown) => e)) as Error;

    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(`Stack "${e2e.stackName}" has invalid Qard configuration`);
    expect(error.message).toContain("qard:providers.__proto__: is a name JavaScript objects already have");
    expect(apiWrites(e2e.emulator.control)).toEqual([]);
    expect(await enabledInQard()).toEqual(["company_legal_fr", "sandbox_public"]);
  });
});
