/**
 * Every name or id the client puts into a URL path is checked before anything is sent: `.` and `..` are
 * kept by encodeURIComponent and then resolved by the URL parser, so `PUT …/providers/../credentials`
 * would reach `PUT /api/v6/credentials`. Run against the emulator on 127.0.0.1, whose request log shows
 * that nothing at all reached the server.
 */
import { describe, expect, it } from "vitest";
import { QardConfigError, QardIdentifierError, type QardClient } from "../../providers/src/qard/index.ts";
import { outputSafetyProblems } from "../helpers/output-safety.ts";
import { startEmulatorForClientSuite } from "./helpers/emulator.ts";

const HOSTILE = [
  ".",
  "..",
  "../credentials",
  "a/b",
  "%2e%2e",
  "%2F",
  "a?b",
  "a#b",
  "",
  " ",
  "shopify\n",
  "shop\u0000ify",
  "\u001b[31mred",
  "\u202eshopify",
  "a".repeat(129),
  "constructor",
  "__proto__",
];

// Each call of the client that takes an identifier, with the role its error names.
const CALLS: [string, string, (client: QardClient, id: string) => Promise<unknown>][] = [
  [
    "putCredentials",
    "provider name",
    (c, id) => c.putCredentials(id, { client_id: "x", client_secret: "y" }),
  ],
  ["putSettings", "provider name", (c, id) => c.putSettings(id, { auto_connect: true })],
  ["setEnabled", "provider name", (c, id) => c.setEnabled(id, true)],
  [
    "createDataConnection (user)",
    "user id",
    (c, id) => c.createDataConnection(id, { providerName: "shopify", requestedDataTypes: [] }),
  ],
  [
    "createDataConnection (provider)",
    "provider name",
    (c, id) => c.createDataConnection("u1", { providerName: id, requestedDataTypes: [] }),
  ],
  ["getDataConnection (user)", "user id", (c, id) => c.getDataConnection(id, "c1")],
  ["getDataConnection (connection)", "data connection id", (c, id) => c.getDataConnection("u1", id)],
  ["startSync", "user id", (c, id) => c.startSync(id)],
  ["latestSyncs", "user id", (c, id) => c.latestSyncs(id)],
  ["listCommerce", "user id", (c, id) => c.listCommerce(id, "orders")],
];

describe("QardClient refuses an identifier that is not one path segment", () => {
  const emulator = startEmulatorForClientSuite();

  describe.each(CALLS)("%s", (_call, role, run) => {
    it.each(HOSTILE)("%j: a typed error naming the %s, and no request", async (id) => {
      const error = await run(emulator.client(), id).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(QardIdentifierError);
      expect(error).toBeInstanceOf(QardConfigError);
      expect((error as QardIdentifierError).role).toBe(role);
      expect((error as Error).message).toMatch(new RegExp(`^${role} `));
      expect(outputSafetyProblems((error as Error).message)).toEqual([]);
      expect(emulator.control.requests()).toEqual([]);
    });
  });

  it("still sends a valid identifier as one path segment", async () => {
    await emulator.client().setEnabled("company_legal_fr", true);
    expect(emulator.control.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /api/v6/providers/company_legal_fr",
    ]);
  });

  it("refuses a setting or credential key that objects already have, before any request", async () => {
    const settings = JSON.parse('{"__proto__": true}') as Record<string, boolean>;
    await expect(emulator.client().putSettings("shopify", settings)).rejects.toThrow(
      /setting "__proto__" is a name JavaScript objects already have/,
    );
    await expect(
      emulator.client().putCredentials("shopify", { client_id: "x", constructor: "y" }),
    ).rejects.toThrow(/credential key "constructor" is a name JavaScript objects already have/);
    expect(emulator.control.requests()).toEqual([]);
  });
});
