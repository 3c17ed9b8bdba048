/**
 * The offline demo of several accounts (issue 18): `npm run demo -- accounts` configures the two accounts of
 * Pulumi.dev-accounts.yaml, each on its own emulator that accepts only that account's key (so a key sent to
 * the other account's URL would fail the run), then checks and destroys them. Runs the demo script as a user
 * does, with its state in a temporary folder instead of .demo/. It uses the stack file's ports (8788, 8789).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/project-root.ts";
import { runScript } from "../helpers/run-script.ts";

let demoDir: string;
let stackFileBefore: string;
const stackFile = path.join(projectRoot(), "Pulumi.dev-accounts.yaml");
const demo = (...args: string[]) =>
  runScript("scripts/demo.ts", ["accounts", ...args], { QARD_DEMO_DIR: demoDir });

beforeAll(async () => {
  demoDir = await mkdtemp(path.join(os.tmpdir(), "qard-demo-accounts-"));
  stackFileBefore = await readFile(stackFile, "utf8");
});

afterAll(async () => {
  await rm(demoDir, { recursive: true, force: true });
});

describe("npm run demo -- accounts", () => {
  it("configures both accounts, each on its own emulator, and prints what each now holds", async () => {
    const result = await demo();
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toMatch(/\+ 7 created/);
    const eu = result.stdout.indexOf(
      "What Qard account eu (the emulator at http://127.0.0.1:8788) now holds:",
    );
    const us = result.stdout.indexOf(
      "What Qard account us (the emulator at http://127.0.0.1:8789) now holds:",
    );
    expect(eu).toBeGreaterThan(0);
    expect(us).toBeGreaterThan(eu);
    const euTable = result.stdout.slice(eu, us);
    const usTable = result.stdout.slice(us);
    expect(euTable).toMatch(/company_legal_fr\s+yes\s+false/);
    expect(euTable).toMatch(/prestashop\s+yes/);
    expect(euTable).not.toContain("sandbox_public");
    expect(usTable).toMatch(/company_legal_fr\s+yes\s+false/);
    expect(usTable).toMatch(/sandbox_public\s+yes/);
    expect(usTable).not.toMatch(/^prestashop/m);
    expect(result.output).not.toMatch(/emulator-key-(eu|us)/);
  });

  it("finds no drift in either account, then destroys both", async () => {
    const drift = await demo("drift");
    expect(drift.code, drift.output).toBe(0);
    expect(drift.stdout).toContain("No drift: Qard matches the stack.");
    const destroy = await demo("destroy");
    expect(destroy.code, destroy.output).toBe(0);
    expect(destroy.stdout.match(/\(no provider enabled or configured\)/g)).toHaveLength(2);
    expect(await readFile(stackFile, "utf8")).toBe(stackFileBefore);
  });
});
