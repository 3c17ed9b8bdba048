import { describe, expect, it } from "vitest";
import {
  dataConnectionSchema,
  legalUserSchema,
  providerSchema,
  syncStatusSchema,
} from "../../providers/src/qard/schemas.ts";
import { PROVIDER_JSON } from "./helpers/fake-fetch.ts";

describe("providerSchema", () => {
  it("maps the documented provider object", () => {
    expect(providerSchema.parse(PROVIDER_JSON)).toEqual({
      name: "shopify",
      enabled: false,
      available: true,
      authRequired: true,
      unique: false,
      logoUrl: "https://static.qard.invalid/providers/shopify.svg",
      credentialKeys: ["client_id", "client_secret"],
      settingNames: ["auto_connect"],
      settings: { auto_connect: true },
      dataTypes: ["COMMERCE_LOCATION", "COMMERCE_CUSTOMER", "COMMERCE_PRODUCT", "COMMERCE_ORDER"],
    });
  });

  it("takes setting names and values from a settings map of booleans", () => {
    const provider = providerSchema.parse({
      ...PROVIDER_JSON,
      auto_connect: false,
      settings: { officers_check: true, background_check_nodes_check: false },
    });
    expect(provider.settingNames).toEqual(["officers_check", "background_check_nodes_check"]);
    expect(provider.settings).toEqual({ officers_check: true, background_check_nodes_check: false });
  });

  it("falls back to top-level fields for a settings map whose values are not booleans", () => {
    const provider = providerSchema.parse({
      ...PROVIDER_JSON,
      auto_connect: true,
      confidential_only: "maybe",
      settings: { auto_connect: { type: "boolean" }, confidential_only: { type: "boolean" } },
    });
    expect(provider.settingNames).toEqual(["auto_connect", "confidential_only"]);
    expect(provider.settings).toEqual({ auto_connect: true });
  });

  it("reads only the named settings from top level, not every boolean field", () => {
    const provider = providerSchema.parse({ ...PROVIDER_JSON, settings: [], auto_connect: true });
    expect(provider.settings).toEqual({});
  });

  it("accepts absent or null lists, null logo and missing optional booleans", () => {
    const provider = providerSchema.parse({
      name: "comply_cube",
      enabled: true,
      available: true,
      logo_url: null,
      credentials_config: null,
    });
    expect(provider).toEqual({
      name: "comply_cube",
      enabled: true,
      available: true,
      authRequired: false,
      unique: false,
      credentialKeys: [],
      settingNames: [],
      settings: {},
      dataTypes: [],
    });
  });

  it("accepts credential and data type lists of objects or maps", () => {
    const provider = providerSchema.parse({
      ...PROVIDER_JSON,
      credentials_config: [{ name: "client_id", type: "string" }, { key: "client_secret" }],
      data_types: { COMMERCE_ORDER: {} },
    });
    expect(provider.credentialKeys).toEqual(["client_id", "client_secret"]);
    expect(provider.dataTypes).toEqual(["COMMERCE_ORDER"]);
  });

  it("cannot be steered into the prototype by a setting named __proto__", () => {
    const settings = JSON.parse('{"__proto__": {"polluted": true}, "auto_connect": true}') as unknown;
    const provider = providerSchema.parse({ ...PROVIDER_JSON, settings });
    expect(Object.getPrototypeOf(provider.settings)).toBe(Object.prototype);
    expect(provider.settings).toEqual({ auto_connect: true });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("dataConnectionSchema", () => {
  it("maps a connection and drops a null redirect_url", () => {
    expect(
      dataConnectionSchema.parse({
        id: 42,
        provider_name: "shopify",
        status: "CONNECTED",
        redirect_url: null,
      }),
    ).toEqual({ id: "42", providerName: "shopify", status: "CONNECTED" });
    expect(
      dataConnectionSchema.parse({
        id: "c1",
        provider_name: "shopify",
        status: "AUTH_REQUIRED",
        redirect_url: "https://x/authorize",
      }),
    ).toEqual({
      id: "c1",
      providerName: "shopify",
      status: "AUTH_REQUIRED",
      redirectUrl: "https://x/authorize",
    });
  });
});

describe("syncStatusSchema", () => {
  it("keeps completed_at null (running) apart from absent", () => {
    const base = { id: "s1", data_type: "COMMERCE_ORDER", provider_name: "shopify", status: "QUEUED" };
    expect(syncStatusSchema.parse({ ...base, completed_at: null })).toEqual({
      id: "s1",
      dataType: "COMMERCE_ORDER",
      providerName: "shopify",
      status: "QUEUED",
      completedAt: null,
    });
    expect(syncStatusSchema.parse(base)).not.toHaveProperty("completedAt");
    expect(
      syncStatusSchema.parse({
        ...base,
        status: "SUCCESS",
        data_connection_id: "c1",
        requested_at: "2024-01-15 10:30:00",
        completed_at: "2024-01-15 10:31:00",
      }),
    ).toMatchObject({
      dataConnectionId: "c1",
      requestedAt: "2024-01-15 10:30:00",
      completedAt: "2024-01-15 10:31:00",
    });
  });
});

describe("legalUserSchema", () => {
  it("reads the id and ignores the rest", () => {
    expect(legalUserSchema.parse({ id: "u1", name: "ACME", type: "LEGAL" })).toEqual({
      id: "u1",
      name: "ACME",
    });
    expect(legalUserSchema.parse({ id: 7 })).toEqual({ id: "7" });
  });
});
