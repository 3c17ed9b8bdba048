/**
 * The serialized provider, as `pulumi up` runs it, against an emulator that redirects or answers HTML:
 * the write fails with the client's message, and nothing reaches the redirect's target.
 */
import { describe, expect, it } from "vitest";
import type { ProviderInputs } from "@qard-iac/pulumi-qard/internal";
import { startTestEmulator } from "../helpers/emulator.ts";
import { startProviderOnEmulator } from "../helpers/provider-fixture.ts";

const SECRET = "hostile-canary-secret-8812";
const { emulator, provider } = startProviderOnEmulator();
const elsewhere = startTestEmulator();

async function createShopify(): Promise<unknown> {
  const news = {
    providerName: "shopify",
    credentials: { client_id: "id-1", client_secret: SECRET },
    settings: { auto_connect: true },
    enabled: true,
  };
  const inputs = (await provider.check({}, news)).inputs as ProviderInputs;
  return provider.create(inputs).catch((e: unknown) => e);
}

describe("create", () => {
  it("stops at a redirect on the credentials PUT; the target never sees the key or the credentials", async () => {
    emulator.control.addFault({
      method: "PUT",
      path: "/api/v6/providers/shopify/credentials",
      redirectTo: `${elsewhere.baseUrl}/api/v6/providers/shopify/credentials`,
    });
    const error = await createShopify();
    const message = (error as Error).message;
    expect(message).toContain(
      `answered 307 (redirect to ${elsewhere.baseUrl}); redirects are never followed`,
    );
    expect(message).not.toContain(SECRET);
    expect(elsewhere.control.requests()).toEqual([]);
    // Nothing after the refused write: no settings, no enable.
    expect(emulator.control.requests().filter((r) => r.method === "PUT")).toHaveLength(1);
  });

  it("does not take a 200 HTML page on the settings PUT as success", async () => {
    emulator.control.addFault({ method: "PUT", path: "/api/v6/providers/shopify/settings", html: true });
    const error = await createShopify();
    const message = (error as Error).message;
    expect(message).toContain("PUT /api/v6/providers/shopify/settings: answer 200 is an HTML page");
    expect(message).not.toContain(SECRET);
    // The enable PUT that would follow a successful settings write was not sent.
    expect(
      emulator.control.requests().some((r) => r.method === "PUT" && r.path === "/api/v6/providers/shopify"),
    ).toBe(false);
  });
});
