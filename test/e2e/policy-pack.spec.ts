import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CreateSecretCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { EngineEvent, PolicyEvent, Stack } from "@pulumi/pulumi/automation/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policyPackDir } from "../../workflows/stacks/policy-pack.ts";
import { projectRoot } from "../../infra/project-root.ts";
import { openStack, setStackConfig } from "../../workflows/stacks/stack.ts";
import { apiWrites } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { runScript } from "../helpers/run-script.ts";

// The policy pack in policy/, run by the real engine through the Automation API's policyPacks option
// (as `npm run stack|drift|promote` do). One production stack goes through a refused preview, a compliant
// `up`, and a reviewed setting change; a second stack breaks the https rule. The stacks here are named
// e2e-…, so the pack config below makes e2e-prod-* production, as a team would for its own names.
const API_KEY = "e2e-policy-api-key";
const SECRET_ID = "qard/e2e-prod/shopify";
// Planted credential values: no policy message or CLI output may contain them.
const CANARY_ID = `canary-id-${randomBytes(6).toString("hex")}`;
const CANARY_SECRET = `canary-secret-${randomBytes(6).toString("hex")}`;

const PRODUCTION = { productionStacks: ["e2e-prod-*"] };
const PACK_CONFIG = {
  "qard-secrets-by-reference": PRODUCTION,
  "qard-reviewed-disable": PRODUCTION,
  "qard-production-setting-change": PRODUCTION,
  "qard-provider-allow-list": { allowedProviders: ["shopify", "company_legal_fr", "sandbox_commerce"] },
};

let prod: E2eStack;
let aws: SecretsManagerClient;
let configDir: string;
let packConfig: string;

beforeAll(async () => {
  configDir = await mkdtemp(path.join(os.tmpdir(), "qard-policy-config-"));
  packConfig = path.join(configDir, "policy-config.json");
  await writeFile(packConfig, JSON.stringify(PACK_CONFIG));
  prod = await createE2eStack({
    name: "prod",
    apiKey: API_KEY,
    withMoto: true,
    config: () => ({
      "qard:providers": {
        // Credentials by value in production, and not protected.
        shopify: { autoConnect: true },
        // Disabled in production without a reviewed allowance.
        company_legal_fr: { enabled: false, protect: true },
        // Compliant with every rule.
        sandbox_commerce: { protect: true },
        // Not on the allow-list.
        woocommerce: { protect: true },
      },
    }),
    secretConfig: {
      "qard:providers.shopify.credentials.client_id": CANARY_ID,
      "qard:providers.shopify.credentials.client_secret": CANARY_SECRET,
    },
  });
  aws = prod.moto!.secretsClient();
  await aws.send(
    new CreateSecretCommand({
      Name: SECRET_ID,
      SecretString: JSON.stringify({ client_id: "shop-id", client_secret: "shop-secret" }),
    }),
  );
});

afterAll(async () => {
  aws?.destroy();
  await prod?.dispose();
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

const policy = () => ({ policyPacks: [policyPackDir()], policyPackConfigs: [packConfig] });

/** The policy events of one operation, as `policy [level] resource: message`. */
function violations(events: EngineEvent[]): PolicyEvent[] {
  return events.flatMap((event) => (event.policyEvent ? [event.policyEvent] : []));
}

function resourceOf(event: PolicyEvent): string {
  return event.resourceUrn?.split("::").pop() ?? "(stack)";
}

function summary(events: PolicyEvent[]): string[] {
  return events.map((e) => `${e.policyName} ${e.enforcementLevel} ${resourceOf(e)}`).sort();
}

function recordInto(events: EngineEvent[]) {
  return {
    onOutput: prod.record.onOutput,
    onEvent: (event: EngineEvent) => {
      events.push(event);
      prod.record.onEvent(event);
    },
  };
}

describe("the Qard policy pack through the engine", () => {
  it("refuses a production preview that breaks the mandatory rules, each message naming resource, finding and fix", async () => {
    const events: EngineEvent[] = [];
    await expect(prod.stack.preview({ ...recordInto(events), ...policy() })).rejects.toThrow();
    const found = violations(events);
    expect(summary(found)).toEqual([
      "qard-provider-allow-list mandatory woocommerce",
      "qard-reviewed-disable mandatory company_legal_fr",
      "qard-reviewed-disable mandatory shopify",
      "qard-secrets-by-reference mandatory shopify",
    ]);
    const message = (name: string, resource: string) =>
      found.find((e) => e.policyName === name && resourceOf(e) === resource)?.message ?? "";
    expect(message("qard-secrets-by-reference", "shopify")).toContain(
      `shopify: production stack "${prod.stackName}" gives credentials by value (keys client_id, client_secret)`,
    );
    expect(message("qard-secrets-by-reference", "shopify")).toContain("secretsManager: { secretId:");
    expect(message("qard-reviewed-disable", "company_legal_fr")).toContain(
      "disables this provider (enabled: false) without a reviewed allowance",
    );
    expect(message("qard-reviewed-disable", "company_legal_fr")).toContain(
      `pulumi config set --path 'qard:reviewedDisable[0]' company_legal_fr --stack ${prod.stackName}`,
    );
    expect(message("qard-reviewed-disable", "shopify")).toContain(
      "leaves this provider unprotected, so removing it from the config would disable it in Qard without review",
    );
    expect(message("qard-provider-allow-list", "woocommerce")).toContain("woocommerce: stack");
    expect(message("qard-provider-allow-list", "woocommerce")).toContain(
      "not on the pack's allow-list (shopify, company_legal_fr, sandbox_commerce)",
    );
    // The policy saw the credential values (secret inputs reach policies in plaintext) and quoted none.
    const everything = JSON.stringify(prod.transcript);
    expect(everything).not.toContain(CANARY_ID);
    expect(everything).not.toContain(CANARY_SECRET);
    // Nothing was written to Qard.
    expect(apiWrites(prod.emulator.control)).toEqual([]);
  });

  it("lets the compliant production stack through: reference credentials, protection, a reviewed disable", async () => {
    await setStackConfig(prod.stack, {
      "qard:providers": {
        shopify: {
          autoConnect: true,
          protect: true,
          credentials: { secretsManager: { secretId: SECRET_ID, region: "eu-west-3" } },
        },
        company_legal_fr: { enabled: false },
        sandbox_commerce: { protect: true },
      },
      "qard:reviewedDisable": ["company_legal_fr"],
    });
    const events: EngineEvent[] = [];
    const result = await prod.stack.up({ ...recordInto(events), ...policy() });
    expect(result.summary.result).toBe("succeeded");
    // A creation is not a setting change: the advisory rule stays silent too.
    expect(summary(violations(events))).toEqual([]);
    expect(apiWrites(prod.emulator.control)).toContain("PUT /api/v6/providers/shopify/credentials");
    expect(prod.emulator.control.credentialsOf("shopify")).toEqual({
      client_id: "shop-id",
      client_secret: "shop-secret",
    });
  });

  it("reports a production setting change as advisory, with its old and new value, and lets it through", async () => {
    await setStackConfig(prod.stack, {
      "qard:providers": {
        shopify: {
          autoConnect: false,
          protect: true,
          credentials: { secretsManager: { secretId: SECRET_ID, region: "eu-west-3" } },
        },
        company_legal_fr: { enabled: false },
        sandbox_commerce: { protect: true },
      },
    });
    const events: EngineEvent[] = [];
    const preview = await prod.stack.preview({ ...recordInto(events), ...policy() });
    expect(preview.changeSummary.update).toBeGreaterThanOrEqual(1);
    const found = violations(events);
    expect(summary(found)).toEqual(["qard-production-setting-change advisory shopify"]);
    expect(found[0]?.message).toContain(
      `shopify: production stack "${prod.stackName}" changes settings.auto_connect: true → false`,
    );
  });
});

describe("the https rule, and its enforcement by npm run stack and drift", () => {
  // The URL is not in the stack config (the program itself refuses such a qard:apiUrl) but comes from
  // the environment, which the provider and the policy both read.
  const PLAIN_HTTP = "http://qard.example.test:8080";
  const stackName = `e2e-policy-url-${randomBytes(3).toString("hex")}`;
  const env = () => ({ ...prod.backend.env, QARD_API_URL: PLAIN_HTTP });
  const expectedMessage = `qard:apiUrl of stack "${stackName}" (${PLAIN_HTTP}) must use https`;
  let stack: Stack;
  let urlConfig: string;

  beforeAll(async () => {
    // The allow-list made advisory: a stack can lower (or raise) a rule's level through the pack config.
    urlConfig = path.join(configDir, "url-config.json");
    await writeFile(
      urlConfig,
      JSON.stringify({
        "qard-provider-allow-list": { enforcementLevel: "advisory", allowedProviders: ["sandbox_commerce"] },
      }),
    );
    stack = await openStack({ stackName, env: env(), create: true });
    await setStackConfig(stack, { "qard:providers": { sandbox_commerce: {}, company_legal_fr: {} } });
  });

  afterAll(async () => {
    await stack?.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
  });

  it("refuses a plain-http API URL that is not loopback; an advisory rule only warns", async () => {
    const events: EngineEvent[] = [];
    await expect(
      stack.preview({
        onEvent: (event) => events.push(event),
        policyPacks: [policyPackDir()],
        policyPackConfigs: [urlConfig],
      }),
    ).rejects.toThrow();
    const found = violations(events);
    expect(summary(found)).toEqual([
      "qard-https-api-url mandatory default",
      "qard-provider-allow-list advisory company_legal_fr",
    ]);
    expect(found.find((e) => e.policyName === "qard-https-api-url")?.message).toContain(expectedMessage);
  });

  it("npm run stack -- preview enforces the pack by default (with --policy-config's levels); --no-policy runs without it, with a warning", async () => {
    const script = path.join(projectRoot(), "workflows", "stack", "main.ts");
    const enforced = await runScript(
      script,
      ["preview", "--stack", stackName, "--policy-config", urlConfig],
      env(),
    );
    expect(enforced.code).toBe(1);
    expect(enforced.output).toContain(expectedMessage);
    // The pack config given with --policy-config reached the engine: the allow-list only warns.
    expect(enforced.output).toMatch(/\[advisory\]\s+qard-provider-allow-list/);
    const skipped = await runScript(script, ["preview", "--stack", stackName, "--no-policy"], env());
    expect(skipped.stderr).toContain("warning: --no-policy: the Qard policy pack (policy/) is not enforced");
    expect(skipped.output).not.toContain("qard-https-api-url");
    expect(skipped.code).toBe(0);
  });

  it("npm run drift reports the refusal as its error, naming the policy", async () => {
    const script = path.join(projectRoot(), "workflows", "drift", "main.ts");
    const result = await runScript(script, ["--stack", stackName, "--json"], env());
    // The stack file asks for what a mandatory policy refuses: a configuration error in Pulumi's terms.
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as { status: string; error?: string; errorKind?: string };
    expect(report.status).toBe("error");
    expect(report.errorKind).toBe("configuration");
    expect(report.error).toContain(`policy qard-https-api-url [mandatory] (default): ${expectedMessage}`);
  });
});
