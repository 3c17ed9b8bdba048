import { CreateSecretCommand, PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStackConfig } from "../../workflows/stacks/stack.ts";
import { apiWrites } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";

// Credentials by Secrets Manager reference through the whole engine: a bad payload, a preview that needs
// no secret value, a secret Qard echoes into a partial failure, and credentials removed from config.
const API_KEY = "e2e-convergence-key";
const SECRET_ID = "qard/e2e/shopify";
// "/" and "ü" make PHP-style echoes (`canary\/…-\u00fc-…`) differ from the raw value.
const CANARY = "canary/secret-ü-2";
const PHP_CANARY = "canary\\/secret-\\u00fc-2";
let e2e: E2eStack;

const providers = (shopify: Record<string, unknown>) => ({
  "qard:providers": { shopify: { autoConnect: true, ...shopify }, company_legal_fr: {} },
});
const byReference = { credentials: { secretsManager: { secretId: SECRET_ID } } };

async function putSecret(value: Record<string, string>): Promise<void> {
  const aws = e2e.moto!.secretsClient();
  try {
    await aws.send(new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: JSON.stringify(value) }));
  } finally {
    aws.destroy();
  }
}

async function failureOf(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

/** Every file of the file backend: checkpoints, history, backups. */
async function stateAtRest(dir: string): Promise<string> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const texts = await Promise.all(files.map((f) => readFile(path.join(f.parentPath, f.name), "utf8")));
  return texts.join("\n");
}

const shopifyWrites = () => apiWrites(e2e.emulator.control).filter((call) => call.includes("/shopify"));

beforeAll(async () => {
  e2e = await createE2eStack({
    name: "conv",
    apiKey: API_KEY,
    withMoto: true,
    config: () => providers(byReference),
  });
  const aws = e2e.moto!.secretsClient();
  try {
    // An unusable payload: the client_secret is blank.
    await aws.send(
      new CreateSecretCommand({
        Name: SECRET_ID,
        SecretString: JSON.stringify({ client_id: "e2e-id", client_secret: "  " }),
      }),
    );
  } finally {
    aws.destroy();
  }
});

afterAll(async () => {
  await e2e?.dispose();
});

describe("convergence through the engine", () => {
  it("16. a bad secret payload fails its resource before any write to it, and says nothing was written", async () => {
    const message = await failureOf(e2e.stack.up({ ...e2e.record }));
    expect(message).toContain('key "client_secret" is empty');
    expect(message).toContain('Qard provider "shopify"');
    expect(message).toContain("Nothing was written to Qard for it");
    expect(shopifyWrites()).toEqual([]);
  });

  it("4. preview reads the secret's metadata only; up reads the value", async () => {
    await putSecret({ client_id: "e2e-id", client_secret: "valid-secret-1" });
    await e2e.moto!.startRecording();
    await e2e.stack.preview({ diff: true, ...e2e.record });
    const previewActions = await e2e.moto!.secretsActions();
    expect(previewActions).toContain("DescribeSecret");
    expect(previewActions).not.toContain("GetSecretValue");

    await e2e.stack.up({ ...e2e.record });
    expect(await e2e.moto!.secretsActions()).toContain("GetSecretValue");
    expect(e2e.emulator.control.credentialsOf("shopify")).toEqual({
      client_id: "e2e-id",
      client_secret: "valid-secret-1",
    });
  });

  it("2. a secret Qard quotes in a partial failure reaches neither the state nor the output", async () => {
    await putSecret({ client_id: "e2e-id", client_secret: CANARY });
    await setStackConfig(e2e.stack, providers({ ...byReference, autoConnect: false }));
    e2e.emulator.control.addFault({
      method: "PUT",
      path: "/api/v6/providers/shopify/settings",
      status: 422,
      echo: "credentials",
    });
    e2e.emulator.control.clearRequests();
    const message = await failureOf(e2e.stack.up({ ...e2e.record }));
    // The fault did quote it, and the failure came after a first write: the error is kept in state.
    expect(e2e.emulator.control.credentialsOf("shopify")?.client_secret).toBe(CANARY);
    expect(message).toContain("Already written: credentials");
    expect(message).toContain("[REDACTED]");
    const state = await stateAtRest(e2e.backend.dir);
    expect(state).toContain("Already written: credentials");
    const printed = e2e.transcript.output.join("") + message;
    for (const spelling of [CANARY, PHP_CANARY]) {
      expect({ spelling, inState: state.includes(spelling) }).toEqual({ spelling, inState: false });
      expect({ spelling, printed: printed.includes(spelling) }).toEqual({ spelling, printed: false });
    }
  });

  it("5. credentials removed from config: one up lets go of them without a write, then previews are clean", async () => {
    await setStackConfig(e2e.stack, providers({ autoConnect: false }));
    e2e.emulator.control.clearRequests();
    const before = e2e.transcript.output.length;
    const result = await e2e.stack.up({ ...e2e.record });
    expect(result.summary.result).toBe("succeeded");
    expect(shopifyWrites().filter((call) => call.endsWith("/credentials"))).toEqual([]);
    expect(e2e.transcript.output.slice(before).join("")).toContain(
      "credentials are no longer managed by this stack; Qard keeps the last value written",
    );
    expect(e2e.emulator.control.credentialsOf("shopify")?.client_secret).toBe(CANARY);
    await expect(e2e.stack.preview({ expectNoChanges: true, ...e2e.record })).resolves.toBeDefined();
    await expect(
      e2e.stack.preview({ refresh: true, expectNoChanges: true, ...e2e.record }),
    ).resolves.toBeDefined();
  });
});
