import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStackConfig } from "../../infra/automation/stack.ts";
import { apiWrites } from "../helpers/api-calls.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { call } from "../helpers/emulator.ts";
import { runScript } from "../helpers/run-script.ts";

// A scheduled run with `--remediate`: the stack says which drift may be put back unattended.
const API_KEY = "e2e-remediate-api-key";
let e2e: E2eStack;
let records: string;

const providers = {
  company_legal_fr: { enabled: true },
  comply_cube: { enabled: true, settings: { officers_check: true } },
};

const remediate = (record: string) =>
  runScript(
    "workflows/drift/main.ts",
    ["--stack", e2e.stackName, "--remediate", "--record", path.join(records, record)],
    e2e.backend.env,
  );

/** The provider as Qard answers it: each setting's value is a top-level field. */
async function live(name: string): Promise<Record<string, unknown>> {
  const answer = await call(e2e.emulator, "GET", `/api/v6/providers/${name}`, { apiKey: API_KEY });
  return answer.json as Record<string, unknown>;
}

function changeOutOfBand(): void {
  e2e.emulator.control.patchProvider("company_legal_fr", { enabled: false });
  e2e.emulator.control.patchProvider("comply_cube", { settings: { officers_check: false } });
  e2e.emulator.control.clearRequests();
}

beforeAll(async () => {
  records = mkdtempSync(path.join(os.tmpdir(), "qard-remediate-"));
  e2e = await createE2eStack({
    name: "remediate",
    apiKey: API_KEY,
    config: () => ({ "qard:providers": providers }),
  });
  await e2e.stack.up();
});

afterAll(async () => {
  await e2e?.dispose();
  rmSync(records, { recursive: true, force: true });
});

describe("npm run drift -- --remediate through the engine", () => {
  it("without qard:driftRemediation repairs nothing, writes nothing, and reports the drift (exit 10)", async () => {
    changeOutOfBand();
    const result = await remediate("none");
    expect(result.code, result.output).toBe(10);
    expect(apiWrites(e2e.emulator.control)).toEqual([]);
    const record = JSON.parse(await readFile(path.join(records, "none.json"), "utf8")) as {
      repaired: unknown[];
      left: { reason: string }[];
    };
    expect(record.repaired).toEqual([]);
    // In the order the engine reported them, which is not fixed.
    expect(record.left.map((entry) => entry.reason).sort()).toEqual([
      "qard:driftRemediation does not allow enabled",
      "qard:driftRemediation does not allow settings",
    ]);
    expect((await live("company_legal_fr")).enabled).toBe(false);
  });

  it("allowing enabled puts back only the disabled provider, with one write, and leaves the setting", async () => {
    await setStackConfig(e2e.stack, { "qard:driftRemediation": ["enabled"] });
    e2e.emulator.control.clearRequests();
    const result = await remediate("enabled");
    expect(result.code, result.output).toBe(10);
    expect(apiWrites(e2e.emulator.control)).toEqual(["PUT /api/v6/providers/company_legal_fr"]);
    expect((await live("company_legal_fr")).enabled).toBe(true);
    expect((await live("comply_cube")).officers_check).toBe(false);
    const markdown = await readFile(path.join(records, "enabled.md"), "utf8");
    expect(markdown).toContain("| company_legal_fr | enabled | false | true |");
    expect(markdown).toContain(
      "| comply_cube | drift | settings.officers_check | qard:driftRemediation does not allow settings |",
    );
  });

  it("allowing settings too repairs the setting, and the check after it is clean (exit 0)", async () => {
    await setStackConfig(e2e.stack, { "qard:driftRemediation": ["enabled", "settings"] });
    e2e.emulator.control.clearRequests();
    const result = await remediate("all");
    expect(result.code, result.output).toBe(0);
    expect(apiWrites(e2e.emulator.control)).toEqual(["PUT /api/v6/providers/comply_cube/settings"]);
    expect((await live("comply_cube")).officers_check).toBe(true);
    const record = JSON.parse(await readFile(path.join(records, "all.json"), "utf8")) as {
      after: { status: string };
    };
    expect(record.after.status).toBe("clean");
  });

  it("refuses an allowance it does not know as a config error (exit 2), before any write", async () => {
    await setStackConfig(e2e.stack, { "qard:driftRemediation": ["credentials"] });
    changeOutOfBand();
    try {
      const result = await remediate("bad");
      expect(result.code, result.output).toBe(2);
      expect(result.output).toContain("qard:driftRemediation must be a list of enabled, settings");
      expect(apiWrites(e2e.emulator.control)).toEqual([]);
    } finally {
      await setStackConfig(e2e.stack, { "qard:driftRemediation": ["enabled", "settings"] });
    }
  });
});
