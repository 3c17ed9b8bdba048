import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStackConfig } from "../../infra/automation/stack.ts";
import { checkDrift } from "../../workflows/drift/check-drift.ts";
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

  it("refuses an allowance for credentials, naming the key", async () => {
    await setStackConfig(e2e.stack, { "qard:driftRemediation": ["credentials"] });
    e2e.emulator.control.patchProvider("company_legal_fr", { enabled: false });
    try {
      const result = await runScript(
        "workflows/drift/main.ts",
        ["--stack", e2e.stackName, "--remediate", "--record", path.join(dir, "refused")],
        e2e.backend.env,
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/qard:driftRemediation accepts only enabled, settings/);
    } finally {
      e2e.emulator.control.patchProvider("company_legal_fr", { enabled: true });
    }
  });
});
