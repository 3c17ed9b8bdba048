import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolvePulumiCommand, toolEnvironment } from "../../workflows/stacks/pulumi-command.ts";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTestBackend, type TestBackend } from "../helpers/pulumi-backend.ts";
import { projectRoot } from "../../infra/project-root.ts";

// The smallest dynamic resource: proves the CLI, the Automation API's language server and the
// dynamic-provider plugin (pulumi-resource-pulumi-nodejs on the project's Node) work together.
class EchoProvider implements pulumi.dynamic.ResourceProvider {
  async create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    return { id: `echo-${String(inputs.message)}`, outs: inputs };
  }
  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return {
      changes: olds.message !== news.message,
      replaces: olds.message !== news.message ? ["message"] : [],
    };
  }
}

class Echo extends pulumi.dynamic.Resource {
  constructor(name: string, message: string) {
    super(new EchoProvider(), name, { message }, {}, "smoke", "Echo");
  }
}

describe("the Pulumi engine as this project drives it", () => {
  let backend: TestBackend;
  let stack: Stack;
  let workDir: string;

  beforeAll(async () => {
    backend = await createTestBackend();
    // A project of its own, beside ours: the plugin launcher resolves @pulumi/pulumi from the work dir.
    workDir = await mkdtemp(path.join(os.tmpdir(), "qard-iac-smoke-"));
    await symlink(path.join(projectRoot(), "node_modules"), path.join(workDir, "node_modules"));
    stack = await LocalWorkspace.createOrSelectStack(
      {
        stackName: "smoke",
        projectName: "engine-smoke",
        program: async () => {
          const echo = new Echo("hello", "world");
          return { id: echo.id };
        },
      },
      {
        workDir,
        pulumiCommand: await resolvePulumiCommand(),
        envVars: { ...toolEnvironment(), ...backend.env },
        projectSettings: { name: "engine-smoke", runtime: "nodejs", backend: { url: backend.url } },
      },
    );
  });

  afterAll(async () => {
    await stack?.workspace.removeStack("smoke", { force: true }).catch(() => undefined);
    await backend?.remove();
    await rm(workDir, { recursive: true, force: true });
  });

  it("creates, leaves alone, previews no change, and destroys a dynamic resource", async () => {
    const first = await stack.up();
    expect(first.summary.result).toBe("succeeded");
    expect(first.summary.resourceChanges?.create).toBe(2); // the stack and the Echo resource
    expect(first.outputs.id?.value).toBe("echo-world");

    const second = await stack.up();
    expect(second.summary.resourceChanges).toEqual({ same: 2 });

    await expect(stack.preview({ expectNoChanges: true })).resolves.toBeDefined();

    const destroyed = await stack.destroy();
    expect(destroyed.summary.resourceChanges?.delete).toBe(2);
  });
});
