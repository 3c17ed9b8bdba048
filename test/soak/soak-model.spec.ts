// The soak's pure parts: its randomness is reproducible, its edits keep a config the engine can apply,
// and its oracles (write allowance, expected drift, invariants) say what they should on small cases.
import { describe, expect, it } from "vitest";
import { expectedDriftStatus } from "./drift-expectation.ts";
import { randomFaults } from "./fault-mix.ts";
import { canaryLeaks, failureExplained, namesWhatToDo, qardMatchesConfig } from "./invariants.ts";
import { SeededRandom } from "./random.ts";
import {
  CREDENTIALED,
  initialConfig,
  randomEdit,
  SOAK_PROVIDERS,
  stackConfigOf,
  type SoakConfig,
} from "./soak-config.ts";
import type { QardView } from "./soak-state.ts";
import { excessWrites, writeAllowance } from "./write-allowance.ts";

let counter = 0;
const canary = () => `canary-${++counter}`;

describe("the soak's randomness", () => {
  it("gives the same edits and faults for the same seed", () => {
    const run = (seed: number) => {
      const random = new SeededRandom(seed);
      let config = initialConfig(() => "c");
      const labels: string[] = [];
      for (let i = 0; i < 50; i++) {
        const edit = randomEdit(random, config, () => "c");
        config = edit.config;
        labels.push(edit.label, JSON.stringify(randomFaults(random, 0, ["/api/v6/providers/shopify"])));
      }
      return labels;
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });
});

describe("random edits", () => {
  it("keep at least one provider, only known settings, credentials on the credentialed provider, and repair a break", () => {
    const random = new SeededRandom(3);
    let config = initialConfig(canary);
    const kinds = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const wasBroken = config.broken !== undefined;
      const edit = randomEdit(random, config, canary);
      kinds.add(edit.kind);
      config = edit.config;
      if (wasBroken) expect(edit.kind).toBe("repair-config");
      expect(Object.keys(config.providers).length).toBeGreaterThan(0);
      for (const [name, provider] of Object.entries(config.providers)) {
        for (const key of Object.keys(provider.settings)) expect(SOAK_PROVIDERS[name]).toContain(key);
        expect(provider.credentials !== undefined).toBe(name === CREDENTIALED);
      }
    }
    expect([...kinds].sort()).toEqual(
      [
        ...["add-provider", "break-config", "remove-provider", "remove-setting", "rename-provider"],
        ...["repair-config", "rotate-secret", "set-setting", "toggle-enabled"],
      ].sort(),
    );
  });

  it("renders credentials as secret paths only, and a broken provider's enabled as a string", () => {
    const config: SoakConfig = { ...initialConfig(() => "s3cret"), broken: "company_legal_fr" };
    const { values, secrets } = stackConfigOf(config);
    expect(JSON.stringify(values)).not.toContain("s3cret");
    expect(secrets["qard:providers.shopify.credentials.client_secret"]).toBe("s3cret");
    expect(values["qard:providers"]).toMatchObject({ company_legal_fr: { enabled: "yes" } });
  });
});

const config: SoakConfig = {
  providers: {
    shopify: {
      enabled: true,
      settings: { auto_connect: true },
      credentials: { client_id: "a", client_secret: "b" },
    },
    company_legal_fr: { enabled: false, settings: {} },
  },
};
const qard: QardView = {
  shopify: {
    enabled: true,
    settings: { auto_connect: true },
    credentials: { client_id: "a", client_secret: "b" },
  },
  company_legal_fr: { enabled: false, settings: { auto_connect: false } },
  prestashop: { enabled: true, settings: {} },
};
const applied = { providers: structuredClone(config.providers) };

describe("the write allowance", () => {
  it("allows nothing when Qard and the state already match the config", () => {
    expect(writeAllowance("up", config, applied, qard)).toEqual({});
  });

  it("allows the planned write's retries, and disabling a provider that left the config", () => {
    const withPrestashop = {
      providers: { ...applied.providers, prestashop: { enabled: true, settings: {} } },
    };
    const changed = structuredClone(config);
    changed.providers.shopify!.settings.auto_connect = false;
    expect(writeAllowance("up", changed, withPrestashop, qard)).toEqual({
      "/api/v6/providers/shopify/settings": 5,
      "/api/v6/providers/prestashop": 5,
    });
  });

  it("allows no write to a read-only operation or an invalid config", () => {
    expect(writeAllowance("drift", config, "unknown", {})).toEqual({});
    expect(writeAllowance("up", { ...config, broken: "shopify" }, "unknown", {})).toEqual({});
  });

  it("names each write beyond it", () => {
    const writes = Array.from({ length: 6 }, () => ({ method: "PUT", path: "/api/v6/providers/shopify" }));
    expect(excessWrites(writes, { "/api/v6/providers/shopify": 5 })).toEqual([
      "PUT /api/v6/providers/shopify: 6 request(s), the plan and its retries allow 5",
    ]);
    expect(excessWrites(writes.slice(0, 5), { "/api/v6/providers/shopify": 5 })).toEqual([]);
  });
});

describe("the expected drift status", () => {
  it("is clean when state, Qard and config agree; drift when Qard moved; config when the config did", () => {
    expect(expectedDriftStatus(applied, qard, config)).toBe("clean");
    const moved = structuredClone(qard);
    moved.shopify!.enabled = false;
    expect(expectedDriftStatus(applied, moved, config)).toBe("drift");
    const edited = structuredClone(config);
    edited.providers.company_legal_fr!.enabled = true;
    expect(expectedDriftStatus(applied, qard, edited)).toBe("config");
  });

  it("counts a config that only puts a drifted value back as the drift itself", () => {
    const moved = structuredClone(qard);
    moved.company_legal_fr!.enabled = true;
    expect(expectedDriftStatus(applied, moved, config)).toBe("drift");
  });

  it("has no expectation when the state is unknown or the config invalid", () => {
    expect(expectedDriftStatus("unknown", qard, config)).toBeUndefined();
    expect(expectedDriftStatus(applied, qard, { ...config, broken: "shopify" })).toBeUndefined();
  });
});

describe("the invariants", () => {
  it("Qard matching the config: names each difference", () => {
    expect(qardMatchesConfig(config, applied, qard)).toEqual([]);
    const moved = structuredClone(qard);
    moved.shopify!.settings.auto_connect = false;
    moved.shopify!.credentials = { client_id: "a", client_secret: "old" };
    expect(qardMatchesConfig(config, applied, moved)).toEqual([
      "shopify: settings.auto_connect is false in Qard, true in the config",
      "shopify: Qard holds other credentials than the config's",
    ]);
  });

  it("a leak names the place", () => {
    expect(canaryLeaks({ "the state files": "x canary-1 y", output: "clean" }, ["canary-1"])).toEqual([
      "a planted secret appears in the state files",
    ]);
  });

  it("a failure is explained by a fault that cannot be retried away, or by as many faults as attempts", () => {
    const on = { method: "PUT", path: "/api/v6/providers/shopify" };
    expect(failureExplained(config, [])).toBe(false);
    expect(failureExplained(config, [{ kind: "redirect", ...on }])).toBe(true);
    expect(
      failureExplained(
        config,
        Array.from({ length: 4 }, () => ({ kind: "connection reset" as const, ...on })),
      ),
    ).toBe(false);
    expect(
      failureExplained(
        config,
        Array.from({ length: 5 }, () => ({ kind: "connection reset" as const, ...on })),
      ),
    ).toBe(true);
    expect(failureExplained({ ...config, broken: "shopify" }, [])).toBe(true);
  });

  it("a failure message must say what to do", () => {
    expect(namesWhatToDo('Stack "dev" has invalid Qard configuration:')).toBe(false);
    expect(namesWhatToDo("qard:providers.x.enabled: must be a boolean. Fix it in Pulumi.dev.yaml")).toBe(
      true,
    );
  });
});
