import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deployment } from "@pulumi/pulumi/automation/index.js";
import { setStackConfig } from "../../workflows/stacks/stack.ts";
import { checkDrift } from "../../workflows/stacks/drift-check/check-drift.ts";
import { remediate } from "../../workflows/drift/remediate.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { runScript } from "../helpers/run-script.ts";

// `npm run drift -- --remediate` under each allowance of qard:driftRemediation: Qard re-enabled and its
// settings put back only as the stack allows, a record of what was repaired, the rest still findings.
let e2e: E2eStack;
let dir: string;

beforeAll(async () => {
  e2e = await createE2eStack({
    name: "drift-remediate",
    apiKey: "e2e-remediate-key",
    config: () => ({
      "qard:providers": { sandbox_public: { autoConnect: true }, company_legal_fr: { enabled: true } },
    }),
  });
  await e2e.stack.up();
  dir = mkdtempSync(path.join(os.tmpdir(), "qard-remediate-"));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await e2e?.dispose();
});

const remaining = async () =>
  (await checkDrift({ stackName: e2e.stackName, env: e2e.backend.env })).findings
    .map((f) => `${f.provider} ${f.property}`)
    .sort();

describe("npm run drift -- --remediate", () => {
  it.each([
    [[], 10, [], ["company_legal_fr enabled", "sandbox_public settings.auto_connect"]],
    [["enabled"], 10, ["company_legal_fr"], ["sandbox_public settings.auto_connect"]],
    [["settings"], 10, ["sandbox_public"], ["company_legal_fr enabled"]],
    [["enabled", "settings"], 0, ["company_legal_fr", "sandbox_public"], []],
  ] as const)("allowance %j: exit %i, repairs %j, leaves %j", async (allowed, code, repaired, left) => {
    await setStackConfig(e2e.stack, { "qard:driftRemediation": [...allowed] });
    // Someone changes Qard by hand: a provider turned off, a setting flipped.
    e2e.emulator.control.patchProvider("company_legal_fr", { enabled: false });
    e2e.emulator.control.patchProvider("sandbox_public", { settings: { auto_connect: false } });
    const prefix = path.join(dir, `record-${allowed.join("-") || "none"}`);
    try {
      const result = await runScript(
        "workflows/drift/main.ts",
        ["--stack", e2e.stackName, "--json", "--remediate", "--record", prefix],
        e2e.backend.env,
      );
      expect(result.code, result.stderr).toBe(code);
      const record = JSON.parse(readFileSync(`${prefix}.json`, "utf8")) as {
        providers: string[];
        left: Array<{ provider: string; property: string }>;
      };
      expect([...record.providers].sort()).toEqual(repaired);
      expect(record.left.map((f) => `${f.provider} ${f.property}`).sort()).toEqual(left);
      expect(readFileSync(`${prefix}.md`, "utf8")).toMatch(/Drift remediation/);
      // What Qard holds now, read again through the engine.
      expect(await remaining()).toEqual(left);
    } finally {
      e2e.emulator.control.patchProvider("company_legal_fr", { enabled: true });
      e2e.emulator.control.patchProvider("sandbox_public", { settings: { auto_connect: true } });
    }
  });

  it.each([
    [["credentials"], /qard:driftRemediation accepts only enabled, settings; credentials cannot be repaired/],
    ["enabled", /qard:driftRemediation must be a list of enabled, settings/],
  ] as const)(
    "refuses the allowance %j as a configuration error (exit 2) naming the key, repairing nothing",
    async (allowance, message) => {
      await setStackConfig(e2e.stack, { "qard:driftRemediation": allowance });
      e2e.emulator.control.patchProvider("company_legal_fr", { enabled: false });
      const prefix = path.join(dir, `refused-${String(allowance)}`);
      const reportFile = path.join(dir, `refused-${String(allowance)}-report.json`);
      try {
        e2e.emulator.control.clearRequests();
        const result = await runScript(
          "workflows/drift/main.ts",
          ["--stack", e2e.stackName, "--remediate", "--record", prefix, "--report-json", reportFile],
          e2e.backend.env,
        );
        expect(result.code, result.stderr).toBe(2);
        const report = JSON.parse(readFileSync(reportFile, "utf8")) as Record<string, unknown>;
        expect(report).toMatchObject({ status: "error", exitCode: 2, errorKind: "configuration" });
        expect(report.error).toMatch(message);
        // The check's findings stay in the report: they wait for review.
        expect(report.findings).toMatchObject([{ provider: "company_legal_fr", property: "enabled" }]);
        expect(result.stdout).toMatch(message);
        const record = JSON.parse(readFileSync(`${prefix}.json`, "utf8")) as Record<string, unknown>;
        expect(record).toMatchObject({
          allowed: [],
          providers: [],
          attempted: [],
          repaired: [],
          left: [{ provider: "company_legal_fr", property: "enabled" }],
          errorKind: "configuration",
        });
        expect(record.error).toMatch(message);
        expect(readFileSync(`${prefix}.md`, "utf8")).toContain(
          "**Remediation failed** (configuration, exit 2)",
        );
        // Nothing was written to Qard.
        expect(e2e.emulator.control.requests().filter((request) => request.method !== "GET")).toEqual([]);
      } finally {
        e2e.emulator.control.patchProvider("company_legal_fr", { enabled: true });
      }
    },
  );
  it("refuses an invalid allowance on a stack without drift too (exit 2), before anything is written", async () => {
    await setStackConfig(e2e.stack, { "qard:driftRemediation": ["credentials"] });
    const prefix = path.join(dir, "refused-clean");
    e2e.emulator.control.clearRequests();
    const result = await runScript(
      "workflows/drift/main.ts",
      ["--stack", e2e.stackName, "--json", "--remediate", "--record", prefix],
      e2e.backend.env,
    );
    expect(result.code, result.stderr).toBe(2);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ status: "error", exitCode: 2, errorKind: "configuration", findings: [] });
    expect(report.error).toMatch(/qard:driftRemediation accepts only enabled, settings/);
    const record = JSON.parse(readFileSync(`${prefix}.json`, "utf8")) as Record<string, unknown>;
    expect(record).toMatchObject({ providers: [], left: [], errorKind: "configuration" });
    expect(e2e.emulator.control.requests().filter((request) => request.method !== "GET")).toEqual([]);
    // A valid allowance on the same clean stack: exit 0, and no record, since nothing was to be repaired.
    await setStackConfig(e2e.stack, { "qard:driftRemediation": ["enabled"] });
    const cleanPrefix = path.join(dir, "clean");
    const clean = await runScript(
      "workflows/drift/main.ts",
      ["--stack", e2e.stackName, "--remediate", "--record", cleanPrefix],
      e2e.backend.env,
    );
    expect(clean.code, clean.stderr).toBe(0);
    expect(existsSync(`${cleanPrefix}.json`)).toBe(false);
  });
});

describe("npm run drift -- --remediate when the repair cannot be made", () => {
  const PROVIDERS = {
    "qard:providers": { sandbox_public: { autoConnect: true }, company_legal_fr: { enabled: true } },
  };
  const restore = async () => {
    e2e.emulator.control.clearFaults();
    e2e.emulator.control.patchProvider("company_legal_fr", { enabled: true });
    e2e.emulator.control.patchProvider("sandbox_public", { settings: { auto_connect: true } });
    await setStackConfig(e2e.stack, PROVIDERS);
    // The failed up may have recorded what its refresh read: the state follows Qard again.
    await e2e.stack.up({ refresh: true });
  };

  it.each([
    [503, 4, "resource"],
    [401, 3, "authentication"],
  ] as const)(
    "Qard answering %i to the repair's write: exit %i, the record and the report say %s",
    async (status, code, kind) => {
      await setStackConfig(e2e.stack, { "qard:driftRemediation": ["enabled"] });
      e2e.emulator.control.patchProvider("company_legal_fr", { enabled: false });
      e2e.emulator.control.addFault({
        method: "PUT",
        path: "/api/v6/providers/company_legal_fr",
        status,
        times: 100,
      });
      const prefix = path.join(dir, `failed-${status}`);
      const reportFile = path.join(dir, `failed-${status}-report.json`);
      try {
        const result = await runScript(
          "workflows/drift/main.ts",
          [
            "--stack",
            e2e.stackName,
            "--json",
            "--remediate",
            "--record",
            prefix,
            "--report-json",
            reportFile,
          ],
          e2e.backend.env,
        );
        expect(result.code, result.stderr).toBe(code);
        const report = JSON.parse(readFileSync(reportFile, "utf8")) as Record<string, unknown>;
        expect(report).toMatchObject({ status: "error", exitCode: code, errorKind: kind });
        expect(report.error).toMatch(new RegExp(`The repair \\(--remediate\\) failed: .*${status}`, "s"));
        expect(JSON.parse(result.stdout)).toEqual(report);
        const record = JSON.parse(readFileSync(`${prefix}.json`, "utf8")) as {
          providers: string[];
          attempted: Array<{ provider: string; property: string }>;
          repaired: unknown[];
          error: string;
          errorKind: string;
        };
        expect(record).toMatchObject({ providers: ["company_legal_fr"], repaired: [], errorKind: kind });
        expect(record.attempted.map((f) => `${f.provider} ${f.property}`)).toEqual([
          "company_legal_fr enabled",
        ]);
        expect(record.error).toContain(String(status));
        const markdown = readFileSync(`${prefix}.md`, "utf8");
        expect(markdown).toContain(`**Remediation failed** (${kind}, exit ${code})`);
        expect(markdown).toContain("**Attempted, not repaired**: 1");
        expect(result.output).not.toContain("e2e-remediate-key");
      } finally {
        await restore();
      }
    },
  );

  it("writes nothing when another update landed between the check and the repair", async () => {
    await setStackConfig(e2e.stack, { "qard:driftRemediation": ["enabled"] });
    e2e.emulator.control.patchProvider("company_legal_fr", { enabled: false });
    try {
      const checked: { state?: Deployment } = {};
      const report = await checkDrift({
        stackName: e2e.stackName,
        env: e2e.backend.env,
        onCheckedState: (state) => (checked.state = state),
      });
      expect(report.findings.map((f) => `${f.provider} ${f.property}`)).toEqual(["company_legal_fr enabled"]);
      // Another update lands in between: someone deploys a settings change.
      await setStackConfig(e2e.stack, {
        "qard:providers": { sandbox_public: { autoConnect: false }, company_legal_fr: { enabled: true } },
      });
      await e2e.stack.up();
      e2e.emulator.control.clearRequests();
      const record = await remediate({
        stackName: e2e.stackName,
        findings: report.findings,
        checkedState: checked.state!,
        env: e2e.backend.env,
      });
      expect(record).toMatchObject({ providers: ["company_legal_fr"], repaired: [], errorKind: "other" });
      expect(record.error).toMatch(new RegExp(`Stack ${e2e.stackName} changed since the drift check`));
      expect(record.error).toContain("nothing was repaired");
      // Qard saw no write at all.
      expect(e2e.emulator.control.requests().filter((request) => request.method !== "GET")).toEqual([]);
    } finally {
      await restore();
    }
  });
});
