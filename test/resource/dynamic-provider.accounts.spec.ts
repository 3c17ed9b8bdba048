/**
 * Several Qard accounts in one stack, through the serialized provider (the object the engine runs): each
 * resource names its account, its calls go to that account's URL with that account's key only, and one
 * list read serves each account's resources of one operation.
 */
import { describe, expect, it } from "vitest";
import type { ProviderInputs } from "@qard-iac/pulumi-qard/internal";
import { apiCalls } from "../helpers/api-calls.ts";
import { startAccountEmulators } from "../helpers/account-emulators.ts";
import { setProcessEnv } from "../helpers/process-env.ts";
import { forgetProviderLists, loadSerializedProvider } from "../helpers/serialized-provider.ts";
import { ANOTHER_ACCOUNT, expectWritesRefusedAsAnotherAccount } from "../helpers/another-account-refusal.ts";

const EU_KEY = "eu-account-key";
const US_KEY = "us-account-key";
const { eu, us } = startAccountEmulators({ eu: EU_KEY, us: US_KEY });

function accountsConfig(accounts: Record<string, unknown>): Record<string, string> {
  return { "qard:accounts": JSON.stringify(accounts) };
}

const bothAccounts = () =>
  accountsConfig({ eu: { apiUrl: eu.baseUrl, apiKey: EU_KEY }, us: { apiUrl: us.baseUrl, apiKey: US_KEY } });

describe("a resource that names an account", () => {
  it("is written to that account only, with that account's key", async () => {
    const provider = await loadSerializedProvider(bothAccounts());
    for (const account of ["eu", "us"]) {
      const checked = await provider.check({}, { providerName: "company_legal_fr", account });
      expect(checked.failures ?? []).toEqual([]);
      await provider.create(checked.inputs as ProviderInputs);
    }
    // Each emulator accepts only its own key: a 401 would mean the other account's key reached it.
    for (const server of [eu, us]) {
      const requests = server.control.requests();
      expect(requests.map((r) => r.status).filter((status) => status >= 400)).toEqual([]);
      expect(apiCalls(server.control)).toContain("PUT /api/v6/providers/company_legal_fr");
    }
  });

  it("keeps the account name in state, and never its key or URL", async () => {
    const provider = await loadSerializedProvider(bothAccounts());
    const checked = await provider.check({}, { providerName: "company_legal_fr", account: "eu" });
    const created = await provider.create(checked.inputs as ProviderInputs);
    const state = JSON.stringify({ inputs: checked.inputs, outs: created.outs });
    expect(created.outs).toMatchObject({ account: "eu" });
    expect(state).not.toContain(EU_KEY);
    expect(state).not.toContain(eu.baseUrl);
  });

  it("reads each account's provider list once for all its resources of one operation", async () => {
    const provider = await loadSerializedProvider(bothAccounts());
    for (const account of ["eu", "us"]) {
      for (const providerName of ["company_legal_fr", "prestashop", "woocommerce"]) {
        await provider.check({}, { providerName, account });
      }
    }
    for (const server of [eu, us]) {
      expect(apiCalls(server.control)).toEqual(["GET /api/v6/providers"]);
    }
  });

  it("ignores QARD_API_KEY and QARD_API_URL: a named account uses its own settings only", async () => {
    const restore = setProcessEnv({ QARD_API_KEY: US_KEY, QARD_API_URL: us.baseUrl });
    try {
      const provider = await loadSerializedProvider(accountsConfig({ eu: { apiUrl: eu.baseUrl } }));
      const checked = await provider.check({}, { providerName: "company_legal_fr", account: "eu" });
      await expect(provider.create(checked.inputs as ProviderInputs)).rejects.toThrow(
        /No Qard API key for account "eu": .*qard:accounts\.eu\.apiKey/,
      );
    } finally {
      restore();
    }
    expect(us.control.requests()).toEqual([]);
    expect(eu.control.requests()).toEqual([]);
  });

  it("an account the stack config does not describe fails check on `account`, before any call", async () => {
    const provider = await loadSerializedProvider(bothAccounts());
    const checked = await provider.check({}, { providerName: "company_legal_fr", account: "asia" });
    expect(checked.failures).toEqual([
      { property: "account", reason: expect.stringMatching(/Qard account "asia": .*qard:accounts\.asia/) },
    ]);
    expect([...eu.control.requests(), ...us.control.requests()]).toEqual([]);
  });

  it("an account name outside the identifier rule fails check", async () => {
    const provider = await loadSerializedProvider(bothAccounts());
    const checked = await provider.check({}, { providerName: "company_legal_fr", account: "../us" });
    expect(checked.failures).toEqual([
      { property: "account", reason: expect.stringMatching(/letters, digits/) },
    ]);
  });

  it("both key sources on one account are refused, naming the account's keys", async () => {
    const provider = await loadSerializedProvider(
      accountsConfig({ eu: { apiUrl: eu.baseUrl, apiKey: EU_KEY, apiKeySecretId: "qard/eu" } }),
    );
    await expect(
      provider.create({
        providerName: "company_legal_fr",
        account: "eu",
        settings: {},
        enabled: true,
        schemaVersion: 1,
      }),
    ).rejects.toThrow(/both qard:accounts\.eu\.apiKey and qard:accounts\.eu\.apiKeySecretId: keep one/);
    expect(eu.control.requests()).toEqual([]);
  });

  it("moving a configuration to another account replaces it", async () => {
    const provider = await loadSerializedProvider(bothAccounts());
    const olds = {
      providerName: "company_legal_fr",
      account: "eu",
      settings: {},
      enabled: true,
      schemaVersion: 1,
    };
    const result = await provider.diff("company_legal_fr", olds, { ...olds, account: "us" });
    expect(result.replaces).toEqual(["account"]);
  });
});

describe("a resource without an account", () => {
  it("keeps the stack's default connection, as before", async () => {
    const provider = await loadSerializedProvider({
      "qard:apiUrl": eu.baseUrl,
      "qard:apiKey": EU_KEY,
      ...accountsConfig({ us: { apiUrl: us.baseUrl, apiKey: US_KEY } }),
    });
    const checked = await provider.check({}, { providerName: "prestashop" });
    await provider.create(checked.inputs as ProviderInputs);
    expect(apiCalls(eu.control)).toContain("PUT /api/v6/providers/prestashop");
    expect(us.control.requests()).toEqual([]);
  });
});

describe("the account a stack manages", () => {
  const euProvider = () => loadSerializedProvider(bothAccounts());
  // Account "eu" now configured with the US server and key: the key points at another account.
  const swapped = (extra: Record<string, unknown> = {}) =>
    loadSerializedProvider(
      accountsConfig({
        eu: { apiUrl: us.baseUrl, apiKey: US_KEY, ...extra },
        us: { apiUrl: us.baseUrl, apiKey: US_KEY },
      }),
    );

  async function createdInEu(providerName: string) {
    const provider = await euProvider();
    const checked = await provider.check({}, { providerName, account: "eu" });
    const created = await provider.create(checked.inputs as ProviderInputs);
    eu.control.clearRequests();
    us.control.clearRequests();
    forgetProviderLists();
    return {
      inputs: checked.inputs as Record<string, unknown>,
      outs: created.outs as Record<string, unknown>,
    };
  }

  it("is recorded in state as a fingerprint that is neither the key nor the URL, and accepted while it holds", async () => {
    const { inputs, outs } = await createdInEu("woocommerce");
    expect(outs.accountFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(inputs.accountFingerprint).toBe(outs.accountFingerprint);
    const again = await (await euProvider()).check(inputs, { providerName: "woocommerce", account: "eu" });
    expect(again.failures ?? []).toEqual([]);
    expect(again.inputs).toMatchObject({ accountFingerprint: outs.accountFingerprint });
  });

  it("a key that now points at another account is refused at preview (check), before any call", async () => {
    const { inputs, outs } = await createdInEu("prestashop");
    const checked = await (await swapped()).check(inputs, { providerName: "prestashop", account: "eu" });
    expect(checked.failures).toEqual([
      {
        property: "account",
        reason: expect.stringContaining(
          `Qard account "eu": the key from qard:accounts.eu.apiKey now points at another Qard account`,
        ),
      },
    ]);
    expect(checked.failures?.[0]?.reason).toContain(`(${String(outs.accountFingerprint)})`);
    expect([...eu.control.requests(), ...us.control.requests()]).toEqual([]);
  });

  it("update and delete refuse it before any call; refresh reads, then refuses: nothing written to either", async () => {
    const { inputs, outs } = await createdInEu("company_legal_fr");
    const provider = await swapped();
    await expectWritesRefusedAsAnotherAccount(provider, "company_legal_fr", inputs, outs);
    expect([...eu.control.requests(), ...us.control.requests()]).toEqual([]);
    // A refresh reads the list first, so a key Qard refuses is reported as Qard's refusal; that read went to
    // the URL configured with the key (no 401 anywhere), and nothing was written.
    await expect(provider.read("company_legal_fr", outs as never)).rejects.toThrow(ANOTHER_ACCOUNT);
    expect(us.control.requests().map((request) => request.status)).toEqual([200]);
    expect(eu.control.requests()).toEqual([]);
  });

  it("a rotated key is accepted once the config pins the new fingerprint; a wrong pin is refused", async () => {
    const { inputs } = await createdInEu("woocommerce");
    const refused = await (await swapped()).check(inputs, { providerName: "woocommerce", account: "eu" });
    const current =
      /confirm it with `pulumi config set --path 'qard:accounts\.eu\.fingerprint' ([0-9a-f]{16})`/.exec(
        refused.failures?.[0]?.reason ?? "",
      )?.[1];
    expect(current).toMatch(/^[0-9a-f]{16}$/);
    const pinned = await (
      await swapped({ fingerprint: current })
    ).check(inputs, {
      providerName: "woocommerce",
      account: "eu",
    });
    expect(pinned.failures ?? []).toEqual([]);
    expect(pinned.inputs).toMatchObject({ accountFingerprint: current });
    const original = await (await euProvider()).check(inputs, { providerName: "woocommerce", account: "eu" });
    expect(original.failures ?? []).toEqual([]);
    const mismatch = await (
      await loadSerializedProvider(
        accountsConfig({ eu: { apiUrl: eu.baseUrl, apiKey: EU_KEY, fingerprint: current } }),
      )
    ).check(inputs, { providerName: "woocommerce", account: "eu" });
    expect(mismatch.failures?.[0]?.reason).toMatch(/but qard:accounts\.eu\.fingerprint pins/);
  });
});
