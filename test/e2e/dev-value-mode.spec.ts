import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/project-root.ts";
import { apiWrites } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";

// Value mode, as the dev stack: credentials and the API key are secret stack config. The canaries must be
// found nowhere but in Qard (the emulator's store).
const API_KEY_CANARY = "canary-api-key-5d1c9e";
const CLIENT_SECRET_CANARY = "canary-client-secret-8b2f47";
let e2e: E2eStack;

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/**
 * The state at rest: every file of the file backend (checkpoints, history, backups). The Automation API's
 * exportStack() runs `pulumi stack export --show-secrets`, so it decrypts by design; this reads what is stored.
 */
async function stateAtRest(dir: string): Promise<string> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) =>
    entry.isFile(),
  );
  const texts = await Promise.all(
    files.map((file) => readFile(path.join(file.parentPath, file.name), "utf8")),
  );
  return texts.join("\n");
}

beforeAll(async () => {
  e2e = await createE2eStack({
    name: "dev",
    apiKey: API_KEY_CANARY,
    config: () => ({
      "qard:providers": {
        shopify: { enabled: true, autoConnect: true },
        sandbox_commerce: { enabled: true },
      },
    }),
    secretConfig: {
      "qard:providers.shopify.credentials.client_id": "dev-shop-id",
      "qard:providers.shopify.credentials.client_secret": CLIENT_SECRET_CANARY,
    },
  });
});

afterAll(async () => {
  await e2e?.dispose();
});

describe("value mode (dev stack)", () => {
  it("9. configures providers from secret stack config, and the values are encrypted in state", async () => {
    const result = await e2e.stack.up({ diff: true, ...e2e.record });
    expect(result.summary.result).toBe("succeeded");
    expect(apiWrites(e2e.emulator.control).filter((call) => call.includes("/shopify"))).toEqual([
      "PUT /api/v6/providers/shopify/credentials",
      "PUT /api/v6/providers/shopify/settings",
      "PUT /api/v6/providers/shopify",
    ]);
    expect(e2e.emulator.control.credentialsOf("shopify")).toEqual({
      client_id: "dev-shop-id",
      client_secret: CLIENT_SECRET_CANARY,
    });
    expect(result.outputs.providers?.value).toMatchObject({
      shopify: { enabled: true, credentialsSource: "value" },
    });

    const checkpoint = JSON.parse(
      await readFile(
        path.join(e2e.backend.dir, ".pulumi", "stacks", "qard-iac", `${e2e.stackName}.json`),
        "utf8",
      ),
    );
    const shopify = checkpoint.checkpoint.latest.resources.find(
      (r: { id?: string; type: string }) => r.id === "shopify",
    );
    const encrypted = {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: expect.any(String),
    };
    expect(shopify.outputs.credentials).toEqual(encrypted);
    expect(shopify.inputs.credentials).toEqual(encrypted);

    await e2e.stack.preview({ refresh: true, expectNoChanges: true, diff: true, ...e2e.record });
  });

  it("10. leaks no canary: not in state at rest, CLI output, engine events, the emulator's log, __provider or the stack file", async () => {
    await e2e.stack.preview({ diff: true, ...e2e.record });
    const state = await stateAtRest(e2e.backend.dir);
    expect(state).toContain('"ciphertext"');
    const printed = e2e.transcript.output.join("");
    const events = JSON.stringify(e2e.transcript.events);
    const emulatorLog = JSON.stringify(e2e.emulator.control.requests());
    const providerTexts = JSON.stringify(
      (await e2e.stack.exportStack()).deployment.resources.map(
        (r: { inputs?: { __provider?: unknown } }) => r.inputs?.__provider ?? null,
      ),
    );
    const stackFile = await readFile(path.join(projectRoot(), `Pulumi.${e2e.stackName}.yaml`), "utf8");
    expect(printed.length).toBeGreaterThan(1000);
    expect(events.length).toBeGreaterThan(1000);
    expect(providerTexts).toContain("runtime/v1");
    for (const canary of [API_KEY_CANARY, CLIENT_SECRET_CANARY]) {
      expect({ canary, state: occurrences(state, canary) }).toEqual({ canary, state: 0 });
      expect({ canary, printed: occurrences(printed, canary) }).toEqual({ canary, printed: 0 });
      expect({ canary, events: occurrences(events, canary) }).toEqual({ canary, events: 0 });
      expect({ canary, emulatorLog: occurrences(emulatorLog, canary) }).toEqual({ canary, emulatorLog: 0 });
      expect({ canary, providerTexts: occurrences(providerTexts, canary) }).toEqual({
        canary,
        providerTexts: 0,
      });
      expect({ canary, stackFile: occurrences(stackFile, canary) }).toEqual({ canary, stackFile: 0 });
    }
  });
});
