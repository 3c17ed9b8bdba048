/**
 * What `read` (refresh, drift) makes of a Qard answer it cannot interpret: a managed setting Qard does not
 * give as true/false, or two contradicting entries for one provider. Served by a small independent
 * 127.0.0.1 server (the emulator always answers well-formed lists); the provider is the serialized one.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderOutputs } from "@qard-iac/pulumi-qard/internal";
import {
  forgetProviderLists,
  loadSerializedProvider,
  type LoadedProvider,
} from "../helpers/serialized-provider.ts";

const API_KEY = "unreadable-live-key";
let server: Server;
let provider: LoadedProvider;
let list: unknown[] = [];

function shopify(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    name: "shopify",
    enabled: true,
    available: true,
    settings: ["auto_connect"],
    credentials_config: ["client_id", "client_secret"],
    auto_connect: true,
    ...fields,
  };
}

const stored: ProviderOutputs = {
  providerName: "shopify",
  settings: { auto_connect: true },
  enabled: true,
  schemaVersion: 1,
  credentialsSource: "none",
  available: true,
};

beforeAll(async () => {
  server = createServer((request, response) => {
    const body = request.url?.startsWith("/api/v6/providers") ? JSON.stringify(list) : "{}";
    response.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  provider = await loadSerializedProvider({
    "qard:apiUrl": `http://127.0.0.1:${address.port}`,
    "qard:apiKey": API_KEY,
  });
});

beforeEach(() => forgetProviderLists());

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const readFailure = () =>
  provider.read("shopify", stored).then(
    (result) => ({ result, message: undefined }),
    (error: unknown) => ({ result: undefined, message: (error as Error).message }),
  );

describe("read of a managed setting Qard does not give as true/false", () => {
  it.each([
    ["a string", shopify({ auto_connect: "true" })],
    ["left out", shopify({ auto_connect: undefined })],
    ["settings: null", shopify({ settings: null, auto_connect: undefined })],
    ["null", shopify({ auto_connect: null })],
  ])("fails naming the provider and the setting when it is %s", async (_label, entry) => {
    list = [entry];
    const { result, message } = await readFailure();
    expect(result).toBeUndefined();
    expect(message).toContain('Qard provider "shopify"');
    expect(message).toContain('setting "auto_connect"');
  });

  it("still reads a setting given as a boolean (false shows as drift, not an error)", async () => {
    list = [shopify({ auto_connect: false })];
    const { result } = await readFailure();
    expect(result?.inputs.settings).toEqual({ auto_connect: false });
  });
});

describe("read when Qard's list has several entries for the provider", () => {
  it("refuses when they disagree, naming the provider", async () => {
    list = [shopify({}), shopify({ enabled: false })];
    const { result, message } = await readFailure();
    expect(result).toBeUndefined();
    expect(message).toContain('several entries for "shopify" that disagree');
  });

  it("reads a repeated identical entry as one", async () => {
    list = [shopify({}), shopify({})];
    const { result } = await readFailure();
    expect(result?.inputs).toMatchObject({ enabled: true, settings: { auto_connect: true } });
  });
});
