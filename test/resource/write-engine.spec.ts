/**
 * The write engine (write-engine.ts) against the emulator: the decided writes go out in order, a payload is
 * validated before the first write, and a failure says what reached Qard.
 */
import { describe, expect, it } from "vitest";
import { PartialApplyError } from "../../providers/src/resource/apply-error.ts";
import type { KnownState, Write } from "../../providers/src/resource/plan.ts";
import type { ProviderInputs, ProviderOutputs } from "../../providers/src/resource/state.ts";
import { applyWrites, desiredCredentials } from "../../providers/src/resource/write-engine.ts";
import { callsTo, startEmulatorForClientSuite } from "../qard/helpers/emulator.ts";

const SHOPIFY = "/api/v6/providers/shopify";
const CREDENTIALS = { client_id: "shp_id_engine", client_secret: "shp_secret_engine" };
const START: KnownState = { credentialsCurrent: false, settings: { auto_connect: false }, enabled: false };
const ALL_WRITES: Write[] = [
  { kind: "credentials" },
  { kind: "settings", settings: { auto_connect: true } },
  { kind: "enable", enabled: true },
];

// What the resource would record at a given state; the engine only hands it to a PartialApplyError.
const outputsAt = (state: KnownState) =>
  ({ providerName: "shopify", ...state }) as unknown as ProviderOutputs;

describe("applyWrites", () => {
  const emulator = startEmulatorForClientSuite();
  const target = () => ({
    client: emulator.client({ retry: { maxAttempts: 1 } }),
    account: `engine-${Math.random()}`,
    name: "shopify",
    credentials: CREDENTIALS,
  });

  it("sends credentials, then settings, then enable, and returns the state reached", async () => {
    const reached = await applyWrites(target(), ALL_WRITES, START, outputsAt);
    expect(reached).toEqual({ credentialsCurrent: true, settings: { auto_connect: true }, enabled: true });
    const puts = emulator.control.requests().filter((entry) => entry.method === "PUT");
    expect(puts.map((entry) => entry.path)).toEqual([
      `${SHOPIFY}/credentials`,
      `${SHOPIFY}/settings`,
      SHOPIFY,
    ]);
    expect(emulator.control.credentialsOf("shopify")).toEqual(CREDENTIALS);
  });

  it("says nothing was written when the first write fails", async () => {
    emulator.control.addFault({ method: "PUT", path: `${SHOPIFY}/credentials`, status: 422 });
    const failure = applyWrites(target(), ALL_WRITES, START, outputsAt);
    await expect(failure).rejects.toThrow(/credentials failed: .*Nothing was written to Qard for it/);
    await expect(failure).rejects.not.toBeInstanceOf(PartialApplyError);
    expect(callsTo(emulator.control, "PUT", `${SHOPIFY}/settings`)).toHaveLength(0);
  });

  it("reports a later failure as partial, with the state reached, so the next up resumes", async () => {
    emulator.control.addFault({ method: "PUT", path: `${SHOPIFY}/settings`, status: 422 });
    const failure = await applyWrites(target(), ALL_WRITES, START, outputsAt).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(PartialApplyError);
    const partial = failure as PartialApplyError;
    expect(partial.message).toContain("Already written: credentials;");
    expect(partial.properties).toMatchObject({ credentialsCurrent: true, enabled: false });
    expect(callsTo(emulator.control, "PUT", SHOPIFY)).toHaveLength(0);
  });
});

describe("desiredCredentials", () => {
  const inputs = (credentials: Record<string, string | boolean>): ProviderInputs => ({
    providerName: "shopify",
    credentials,
    settings: {},
    enabled: true,
    schemaVersion: 1,
  });

  it("returns credentials by value that match the provider's keys", async () => {
    await expect(desiredCredentials(inputs(CREDENTIALS), undefined)).resolves.toEqual(CREDENTIALS);
  });

  it("refuses a payload missing a key or holding a blank value, naming keys only", async () => {
    const refused = desiredCredentials(inputs({ client_id: "   " }), undefined);
    await expect(refused).rejects.toThrow(/missing key "client_secret".*key "client_id" is empty/);
    await expect(refused).rejects.toThrow(/Nothing was written to Qard for it/);
  });
});
