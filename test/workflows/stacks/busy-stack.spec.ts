import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { busyReason, lockHolders, pendingOperations } from "../../../workflows/stacks/busy-stack.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("what makes a stack busy for drift", () => {
  it("reads the lock a DIY file backend holds for the stack, as Pulumi writes it", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "busy-"));
    dirs.push(root);
    const lockDir = path.join(root, ".pulumi", "locks", "organization", "qard-iac", "prod");
    await mkdir(lockDir, { recursive: true });
    await writeFile(
      path.join(lockDir, "4c1e.json"),
      JSON.stringify({ pid: 42, username: "ci", hostname: "runner", timestamp: "2026-12-05T14:00:00Z" }),
    );
    const url = pathToFileURL(root).href;
    expect(await lockHolders(url, "qard-iac", "prod")).toEqual([
      "ci@runner (pid 42) since 2026-12-05T14:00:00Z",
    ]);
    expect(await lockHolders(url, "qard-iac", "staging")).toEqual([]);
    expect(await lockHolders("s3://bucket", "qard-iac", "prod")).toEqual([]);
  });

  it("names the operations the state records in flight", () => {
    const deployment = {
      version: 3,
      deployment: {
        pending_operations: [
          {
            type: "updating",
            resource: {
              urn: "urn:pulumi:prod::qard-iac::pulumi-nodejs:dynamic/qard:ProviderConfig::shopify",
            },
          },
        ],
      },
    };
    expect(pendingOperations(deployment)).toEqual(["updating shopify"]);
    expect(busyReason([], pendingOperations(deployment))).toContain(
      "records operations in flight (updating shopify)",
    );
    expect(busyReason(["ci@runner (pid 42) since t"], [])).toBe(
      "another operation holds its lock (ci@runner (pid 42) since t)",
    );
    expect(busyReason([], [])).toBeUndefined();
  });
});
