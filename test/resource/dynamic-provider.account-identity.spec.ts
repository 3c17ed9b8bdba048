/**
 * The one-account form (`qard:apiUrl`, `qard:apiKey` or QARD_API_KEY) records which Qard account a stack
 * manages, as named accounts do: a key that now points at another account is refused at preview, before
 * any call, and by update and delete before any write; a refresh reports a refused key or an unreachable URL
 * as such. Through the serialized provider, against two emulators that each accept one key only.
 */
import { describe, expect, it } from "vitest";
import type { ProviderInputs } from "@qard-iac/pulumi-qard/internal";
import { apiWrites } from "../helpers/api-calls.ts";
import { startAccountEmulators } from "../helpers/account-emulators.ts";
import { setProcessEnv } from "../helpers/process-env.ts";
import { forgetProviderLists, loadSerializedProvider } from "../helpers/serialized-provider.ts";
import { ANOTHER_ACCOUNT, expectWritesRefusedAsAnotherAccount } from "../helpers/another-account-refusal.ts";

const MINE = "one-account-key-mine";
const OTHER = "one-account-key-other";
const { mine, other } = startAccountEmulators({ mine: MINE, other: OTHER });

const ownAccount = (extra: Record<string, string> = {}) =>
  loadSerializedProvider({ "qard:apiUrl": mine.baseUrl, "qard:apiKey": MINE, ...extra });
const otherAccount = (extra: Record<string, string> = {}) =>
  loadSerializedProvider({ "qard:apiUrl": other.baseUrl, "qard:apiKey": OTHER, ...extra });

async function created(providerName: string) {
  const provider = await ownAccount();
  const checked = await provider.check({}, { providerName });
  expect(checked.failures ?? []).toEqual([]);
  const { outs } = await provider.create(checked.inputs as ProviderInputs);
  mine.control.clearRequests();
  forgetProviderLists();
  return { inputs: checked.inputs as Record<string, unknown>, outs: outs as Record<string, unknown> };
}

const noRequests = () => expect([...mine.control.requests(), ...other.control.requests()]).toEqual([]);

describe("the one-account form records its account", () => {
  it("records a fingerprint in inputs and outputs, which is neither the key nor the URL", async () => {
    const { inputs, outs } = await created("woocommerce");
    expect(outs.accountFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(inputs.accountFingerprint).toBe(outs.accountFingerprint);
    const state = JSON.stringify({ inputs, outs });
    expect(state).not.toContain(MINE);
    expect(state).not.toContain(mine.baseUrl);
    const again = await (await ownAccount()).check(inputs, { providerName: "woocommerce" });
    expect(again.failures ?? []).toEqual([]);
  });

  it("refuses at preview (check) a key that now points at another account, before any call", async () => {
    const { inputs, outs } = await created("prestashop");
    const checked = await (await otherAccount()).check(inputs, { providerName: "prestashop" });
    expect(checked.failures).toEqual([
      {
        property: "account",
        reason: expect.stringContaining(
          "Qard account of this stack: the key from qard:apiKey now points at another Qard account",
        ),
      },
    ]);
    expect(checked.failures?.[0]?.reason).toContain(
      `(${String(outs.accountFingerprint)}); nothing was written`,
    );
    expect(checked.failures?.[0]?.reason).toMatch(
      /confirm it with `pulumi config set qard:fingerprint [0-9a-f]{16}`/,
    );
    noRequests();
  });

  it("names QARD_API_KEY when the key came from it", async () => {
    const { inputs } = await created("company_legal_fr");
    const restore = setProcessEnv({ QARD_API_KEY: OTHER, QARD_API_URL: other.baseUrl });
    try {
      const provider = await loadSerializedProvider({});
      const checked = await provider.check(inputs, { providerName: "company_legal_fr" });
      expect(checked.failures?.[0]?.reason).toContain(
        "the key from QARD_API_KEY now points at another Qard account",
      );
    } finally {
      restore();
    }
    noRequests();
  });

  it("update and delete refuse it before any write; refresh reads, then refuses, writing nothing", async () => {
    const { inputs, outs } = await created("company_legal_fr");
    const provider = await otherAccount();
    await expectWritesRefusedAsAnotherAccount(provider, "company_legal_fr", inputs, outs);
    noRequests();
    await expect(provider.read("company_legal_fr", outs as never)).rejects.toThrow(ANOTHER_ACCOUNT);
    // The refresh's one list read went to the URL configured with that key: never one key to another URL.
    expect(other.control.requests().map((request) => request.status)).toEqual([200]);
    expect([...apiWrites(mine.control), ...apiWrites(other.control)]).toEqual([]);
  });

  it("a refresh with a key Qard refuses fails on Qard's refusal (an authentication error), not on the fingerprint", async () => {
    const { outs } = await created("woocommerce");
    const provider = await ownAccount({ "qard:apiKey": "a-key-qard-refuses" });
    await expect(provider.read("woocommerce", outs as never)).rejects.toThrow(
      /refused the API key from qard:apiKey/,
    );
  });

  it("a rotated key is accepted once qard:fingerprint pins its fingerprint; a wrong pin is refused", async () => {
    const { inputs } = await created("woocommerce");
    const refused = await (await otherAccount()).check(inputs, { providerName: "woocommerce" });
    const current = /pulumi config set qard:fingerprint ([0-9a-f]{16})/.exec(
      refused.failures?.[0]?.reason ?? "",
    )?.[1];
    expect(current).toMatch(/^[0-9a-f]{16}$/);
    const pinned = await (
      await otherAccount({ "qard:fingerprint": current! })
    ).check(inputs, {
      providerName: "woocommerce",
    });
    expect(pinned.failures ?? []).toEqual([]);
    expect(pinned.inputs).toMatchObject({ accountFingerprint: current });
    const wrongPin = await (
      await ownAccount({ "qard:fingerprint": current! })
    ).check(inputs, {
      providerName: "woocommerce",
    });
    expect(wrongPin.failures?.[0]?.reason).toMatch(/but qard:fingerprint pins/);
  });

  it("a resource in state from before the fingerprint is accepted and gets one recorded", async () => {
    const { inputs, outs } = await created("prestashop");
    delete inputs.accountFingerprint;
    delete outs.accountFingerprint;
    const provider = await ownAccount();
    const checked = await provider.check(inputs, { providerName: "prestashop" });
    expect(checked.failures ?? []).toEqual([]);
    expect(checked.inputs).toMatchObject({ accountFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const read = await provider.read("prestashop", outs as never);
    expect(read.props).toMatchObject({ accountFingerprint: checked.inputs.accountFingerprint });
  });
});
