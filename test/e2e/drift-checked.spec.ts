/**
 * Drift's answer is a checked fact (issue 22): a change it cannot see through the engine's masking, a key
 * or URL changed since the last `up`, a stack another `up` is writing, a provider stored in state that is
 * not the library's stub — each is a finding or an error, never "clean". Through the engine, against the
 * emulator, with `npm run drift` as a user runs it.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Deployment } from "@pulumi/pulumi/automation/index.js";
import { QARD_PROVIDER_CONFIG_TYPE } from "@qard-iac/pulumi-qard/rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStackConfig } from "../../workflows/stacks/stack.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { freePort } from "../helpers/free-port.ts";
import { runScript } from "../helpers/run-script.ts";
import { waitUntil } from "../helpers/wait-until.ts";

const API_KEY = "e2e-drift-checked-key";
const REVOKED_KEY = "e2e-drift-checked-revoked-key";
const SECRET_V1 = "drift-checked-secret-v1";
const SECRET_V2 = "drift-checked-secret-v2";
let e2e: E2eStack;

interface StoredResource {
  type: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

const runDrift = (args: string[] = []) =>
  runScript("workflows/drift/main.ts", ["--stack", e2e.stackName, "--json", ...args], e2e.backend.env);

beforeAll(async () => {
  e2e = await createE2eStack({
    name: "drift-checked",
    apiKey: API_KEY,
    config: () => ({ "qard:providers": { shopify: { enabled: true, autoConnect: true } } }),
    secretConfig: {
      "qard:providers.shopify.credentials.client_id": "shop-id",
      "qard:providers.shopify.credentials.client_secret": SECRET_V1,
    },
  });
  await e2e.stack.up();
});

afterAll(async () => {
  await e2e?.dispose();
});

describe("npm run drift sees what the engine would change", () => {
  it("is clean right after up", async () => {
    const result = await runDrift();
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "clean", findings: [] });
  });

  it("reports a credential given by value that changed in config, without showing it", async () => {
    await setStackConfig(e2e.stack, {}, { "qard:providers.shopify.credentials.client_secret": SECRET_V2 });
    try {
      const result = await runDrift();
      const report = JSON.parse(result.stdout) as { status: string; findings: unknown[] };
      expect(report.status).toBe("config");
      expect(report.findings).toEqual([
        { kind: "config", provider: "shopify", property: "credentials", old: "[secret]", new: "[secret]" },
      ]);
      expect(result.output).not.toContain(SECRET_V2);
      expect(result.output).not.toContain(SECRET_V1);
    } finally {
      await setStackConfig(e2e.stack, {}, { "qard:providers.shopify.credentials.client_secret": SECRET_V1 });
    }
  });
});

describe("npm run drift uses the stack's current key and URL, not those of the last up", () => {
  it("fails with Qard's refusal of a rotated-out key, naming qard:apiKey", async () => {
    await setStackConfig(e2e.stack, {}, { "qard:apiKey": REVOKED_KEY });
    e2e.emulator.control.clearRequests();
    try {
      const result = await runDrift();
      // Pulumi's code for an authentication error.
      expect(result.code).toBe(3);
      const report = JSON.parse(result.stdout) as { status: string; error: string; errorKind: string };
      expect(report.status).toBe("error");
      expect(report.errorKind).toBe("authentication");
      expect(report.error).toMatch(/401/);
      expect(report.error).toContain("qard:apiKey");
      expect(result.output).not.toContain(REVOKED_KEY);
      expect(result.output).not.toContain(API_KEY);
      // The emulator saw reads, and none of them succeeded with the old key.
      expect(e2e.emulator.control.requests().length).toBeGreaterThan(0);
      expect(e2e.emulator.control.requests().every((request) => request.status === 401)).toBe(true);
    } finally {
      await setStackConfig(e2e.stack, {}, { "qard:apiKey": API_KEY });
    }
  });

  it("reads from a changed qard:apiUrl", async () => {
    const deadUrl = `http://127.0.0.1:${await freePort()}`;
    await setStackConfig(e2e.stack, { "qard:apiUrl": deadUrl });
    e2e.emulator.control.clearRequests();
    try {
      const result = await runDrift();
      // The stack's qard:apiUrl names a closed port: a configuration error in Pulumi's terms.
      expect(result.code).toBe(2);
      expect((JSON.parse(result.stdout) as { error: string }).error).toContain(
        deadUrl.slice("http://".length),
      );
      expect(e2e.emulator.control.requests()).toEqual([]);
    } finally {
      await setStackConfig(e2e.stack, { "qard:apiUrl": e2e.emulator.baseUrl });
    }
  });
});

describe("npm run drift runs no provider code in state but the library's stub", () => {
  async function withStoredProvider(
    rewrite: (stub: string) => string,
    check: () => Promise<void>,
  ): Promise<void> {
    const original = await e2e.stack.exportStack();
    const edited = structuredClone(original) as Deployment;
    for (const resource of (edited.deployment as { resources: StoredResource[] }).resources) {
      if (resource.type !== QARD_PROVIDER_CONFIG_TYPE) continue;
      resource.inputs.__provider = rewrite(String(resource.inputs.__provider));
      resource.outputs.__provider = rewrite(String(resource.outputs.__provider));
    }
    await e2e.stack.importStack(edited);
    try {
      await check();
    } finally {
      await e2e.stack.importStack(original);
    }
  }

  it("refuses a state whose stored provider was edited, naming the resource, and runs none of it", async () => {
    const marker = path.join(e2e.backend.dir, "stored-code-ran");
    await withStoredProvider(
      (stub) => `${stub}\nrequire("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\n`,
      async () => {
        const result = await runDrift();
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout) as { status: string; error: string };
        expect(report.status).toBe("error");
        expect(report.error).toContain('the provider code stored in state for "shopify"');
        expect(existsSync(marker)).toBe(false);
      },
    );
  });

  it("still runs on state written by an earlier release's stub", async () => {
    const earlier = await readFile(
      path.join(import.meta.dirname, "../fixtures/provider-stub-0.2.0-first.txt"),
      "utf8",
    );
    await withStoredProvider(
      () => earlier,
      async () => {
        const result = await runDrift();
        expect(JSON.parse(result.stdout)).toMatchObject({ status: "clean", findings: [] });
      },
    );
  });
});

describe("npm run drift while an up is half applied", () => {
  it("says the stack is busy instead of reporting the up's own writes", async () => {
    const settingsPut = (request: { method: string; path: string }) =>
      request.method === "PUT" && request.path === "/api/v6/providers/shopify/settings";
    e2e.emulator.control.clearRequests();
    // The up's settings write gets no answer until its attempt times out: the up stays half applied.
    e2e.emulator.control.addFault({ method: "PUT", path: "/api/v6/providers/shopify/settings", hang: true });
    await setStackConfig(e2e.stack, { "qard:providers": { shopify: { enabled: true, autoConnect: false } } });
    const up = e2e.stack.up();
    try {
      await waitUntil(
        "the up's settings write to reach Qard",
        () => e2e.emulator.control.requests().some(settingsPut),
        (reached) => reached,
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      const result = await runDrift();
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as { status: string; error: string; findings: unknown[] };
      expect(report).toMatchObject({ status: "error", findings: [] });
      expect(report.error).toContain(`Stack ${e2e.stackName} is busy`);
    } finally {
      e2e.emulator.control.clearFaults();
      // The hung attempt times out and the client retries the (idempotent) write: the up completes.
      await up;
      await setStackConfig(e2e.stack, {
        "qard:providers": { shopify: { enabled: true, autoConnect: true } },
      });
      await e2e.stack.up();
    }
  });
});
