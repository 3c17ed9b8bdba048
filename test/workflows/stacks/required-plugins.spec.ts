import type { ConfigMap } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import {
  automaticPluginAcquisitionDisabled,
  configFromStackFile,
  isSameVersion,
  missingPluginMessage,
  needsAwsPlugin,
} from "../../../workflows/stacks/required-plugins.ts";

// Config as `pulumi config --json` reports it: every value a string, objects as JSON text.
const config = (manageSecrets: string | undefined, providers: unknown): ConfigMap => ({
  ...(manageSecrets === undefined ? {} : { "qard:manageSecrets": { value: manageSecrets, secret: false } }),
  "qard:providers": { value: JSON.stringify(providers), secret: false },
});
const reference = { shopify: { credentials: { secretsManager: { secretId: "qard/prod/shopify" } } } };

describe("needsAwsPlugin", () => {
  it("is true with manageSecrets and a Secrets Manager reference", () => {
    expect(needsAwsPlugin(config("true", reference))).toBe(true);
  });

  it("is false without manageSecrets, or with it false", () => {
    expect(needsAwsPlugin(config(undefined, reference))).toBe(false);
    expect(needsAwsPlugin(config("false", reference))).toBe(false);
  });

  it("is false with manageSecrets but only credentials by value or none", () => {
    const byValue = {
      shopify: { credentials: { client_id: "[secret]" } },
      company_legal_fr: { enabled: true },
    };
    expect(needsAwsPlugin(config("true", byValue))).toBe(false);
  });

  it("is false for providers the program will reject anyway", () => {
    expect(
      needsAwsPlugin({ "qard:manageSecrets": { value: "true" }, "qard:providers": { value: "{oops" } }),
    ).toBe(false);
    expect(needsAwsPlugin(config("true", ["shopify"]))).toBe(false);
  });
});

describe("configFromStackFile", () => {
  const KEYS = ["qard:manageSecrets", "qard:providers"];

  it("reads the settings from a parsed stack file as the CLI reports them, so needsAwsPlugin decides alike", () => {
    const stackFile = { config: { "qard:manageSecrets": true, "qard:providers": reference } };
    const config = configFromStackFile(stackFile, KEYS);
    expect(config["qard:manageSecrets"]?.value).toBe("true");
    expect(JSON.parse(config["qard:providers"]?.value ?? "null")).toEqual(reference);
    expect(needsAwsPlugin(config)).toBe(true);
    expect(needsAwsPlugin(configFromStackFile({ config: { "qard:providers": reference } }, KEYS))).toBe(
      false,
    );
  });

  it("keeps only the keys asked for, leaves secure values encrypted, and accepts no file at all", () => {
    const stackFile = {
      config: {
        "qard:apiKey": { secure: "v1:cipher" },
        "qard:providers": { shop: { credentials: { secure: "v1:c2" } } },
      },
    };
    const config = configFromStackFile(stackFile, KEYS);
    expect(Object.keys(config)).toEqual(["qard:providers"]);
    expect(config["qard:providers"]?.value).toContain("v1:c2");
    expect(needsAwsPlugin(config)).toBe(false);
    expect(configFromStackFile(undefined, KEYS)).toEqual({});
    expect(configFromStackFile({ config: null }, KEYS)).toEqual({});
  });
});

describe("automaticPluginAcquisitionDisabled", () => {
  it("reads the variable as Pulumi does", () => {
    expect(automaticPluginAcquisitionDisabled({ PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" })).toBe(
      true,
    );
    expect(automaticPluginAcquisitionDisabled({ PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "TRUE" })).toBe(
      true,
    );
    expect(automaticPluginAcquisitionDisabled({ PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "1" })).toBe(
      true,
    );
    expect(automaticPluginAcquisitionDisabled({ PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false" })).toBe(
      false,
    );
    expect(automaticPluginAcquisitionDisabled({})).toBe(false);
  });
});

describe("isSameVersion", () => {
  it("ignores a leading v on either side", () => {
    expect(isSameVersion("7.48.0", "7.48.0")).toBe(true);
    expect(isSameVersion("v7.48.0", "7.48.0")).toBe(true);
    expect(isSameVersion("7.47.0", "7.48.0")).toBe(false);
    expect(isSameVersion(undefined, "7.48.0")).toBe(false);
  });
});

describe("missingPluginMessage", () => {
  it("names the stack, the plugin, its version, why, and the command that installs it", () => {
    const message = missingPluginMessage(
      "prod",
      { name: "aws", version: "7.48.0", neededFor: "qard:manageSecrets" },
      "the download failed",
    );
    expect(message).toBe(
      'Stack "prod" needs the Pulumi resource plugin "aws" v7.48.0 (qard:manageSecrets), and it is not ' +
        "installed: the download failed. Install it with: pulumi plugin install resource aws 7.48.0",
    );
  });
});
