/**
 * The library as a user gets it: `npm pack`ed, installed with npm into a Pulumi project outside the repo,
 * run with the plain `pulumi` CLI against the emulator. One project per program kind; the JavaScript one
 * also upgrades the library to the next release and proves that refresh and destroy run the new one.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/project-root.ts";
import {
  createConsumerProject,
  outsideEnvironment,
  TEMPLATE_COMPILER_OPTIONS,
  type ConsumerProject,
  type ProgramKind,
} from "../helpers/consumer-project.ts";
import type { ProviderPatch } from "../../emulator/server.ts";
import { call, startTestEmulator } from "../helpers/emulator.ts";
import {
  cliOrSkipReason,
  findOldestSupportedCli,
  officialCliOrSkip,
  type OfficialCli,
} from "../helpers/official-cli.ts";
import { runCommand } from "../helpers/run-script.ts";
import {
  createLibraryPacker,
  nextPatch,
  type LibraryPacker,
  type PackedLibrary,
} from "../helpers/package-tarball.ts";
import { readRuntimeLoads, runtimeLoadTraceEnv } from "../helpers/runtime-load-trace.ts";

const API_KEY = "consumer-e2e-api-key";
const SHOPIFY_SECRET = "consumer-e2e-shopify-secret";
const RUNTIME_ENTRY = "@qard-iac/pulumi-qard/runtime/v1";

const emulator = startTestEmulator({ apiKeys: [API_KEY] });

interface Release {
  packer: LibraryPacker;
  /** Version N, as packed from the repo. */
  library: PackedLibrary;
}

let released: Promise<Release> | undefined;
const scratch: string[] = [];

/** Packs version N once for every test that needs it; the packer's copy then makes N+1. */
function release(): Promise<Release> {
  released ??= createLibraryPacker().then(async (packer) => {
    try {
      return { packer, library: await packer.pack() };
    } catch (error) {
      await packer.remove();
      throw error;
    }
  });
  return released;
}

afterAll(async () => {
  // A failed pack already removed its copy (and failed the tests that needed it).
  await released?.then(
    ({ packer }) => packer.remove(),
    () => undefined,
  );
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

interface LiveProvider {
  enabled: boolean;
  auto_connect: boolean;
}

async function live(name: string): Promise<LiveProvider> {
  const answer = await call(emulator, "GET", `/api/v6/providers/${name}`, { apiKey: API_KEY });
  expect(answer.status).toBe(200);
  return answer.json as LiveProvider;
}

function noSecretIn(text: string): void {
  expect(text).not.toContain(SHOPIFY_SECRET);
  expect(text).not.toContain(API_KEY);
}

/** A change made in Qard outside Pulumi, and how to undo it. */
interface OutOfBandChange {
  provider: string;
  made: ProviderPatch;
  undone: ProviderPatch;
  /** The property the refreshed preview must name. */
  property: string;
}

/** Runs one project through a user's cycle up to the drift check; returns every output it printed. */
async function upPreviewRefreshDrift(project: ConsumerProject, change: OutOfBandChange): Promise<string> {
  const up = await project.pulumiOk(["up", "--yes"]);
  expect(await live("shopify")).toMatchObject({ enabled: true, auto_connect: true });
  expect(await live("company_legal_fr")).toMatchObject({ enabled: true, auto_connect: true });
  expect(emulator.control.credentialsOf("shopify")).toMatchObject({ client_secret: SHOPIFY_SECRET });

  const clean = await project.pulumiOk(["preview", "--expect-no-changes"]);
  const refresh = await project.pulumiOk(["refresh", "--yes"]);

  emulator.control.patchProvider(change.provider, change.made);
  const drift = await project.pulumi(["preview", "--refresh", "--expect-no-changes"]);
  emulator.control.patchProvider(change.provider, change.undone);
  expect(drift.code, drift.stdout + drift.stderr).not.toBe(0);
  expect(drift.stdout + drift.stderr).toMatch(/no changes were expected/i);
  // The default output's resource line names what differs: `~ qard:ProviderConfig shopify update [diff: ~enabled]`.
  expect(drift.stdout).toMatch(
    new RegExp(`ProviderConfig\\s+\\S+\\s+update\\s+\\[diff: ~${change.property}\\]`),
  );

  return [up, clean, refresh, drift].map((run) => run.stdout + run.stderr).join("\n");
}

async function expectDestroyed(project: ConsumerProject, extraEnv?: Record<string, string>): Promise<string> {
  const destroy = await project.pulumiOk(["destroy", "--yes"], extraEnv);
  // Qard has no delete: destroying disables.
  expect(await live("shopify")).toMatchObject({ enabled: false });
  expect(await live("company_legal_fr")).toMatchObject({ enabled: false });
  return destroy.stdout + destroy.stderr;
}

async function consumer(kind: ProgramKind, cli: OfficialCli, tarball: string): Promise<ConsumerProject> {
  return createConsumerProject({
    kind,
    cli,
    tarball,
    apiUrl: emulator.baseUrl,
    apiKey: API_KEY,
    shopifyClientSecret: SHOPIFY_SECRET,
  });
}

/** `node -p <code>` in `cwd`, as a user's shell there would run it. */
function nodeOutput(cwd: string, env: NodeJS.ProcessEnv, code: string): Promise<string> {
  return nodeRun(cwd, env, ["-p", code]);
}

/** `node <args>` in `cwd`; its stdout, or an error with its stderr. */
function nodeRun(cwd: string, env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("node", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (exit) =>
      exit === 0 ? resolve(stdout) : reject(new Error(`node ${args.join(" ")} exited ${exit}: ${stderr}`)),
    );
  });
}

type ExportTarget = string | { [condition: string]: ExportTarget };

/** The files an exports entry can resolve to, under every condition but the repo's own source one. */
function exportTargets(target: ExportTarget): string[] {
  if (typeof target === "string") return [target];
  return Object.entries(target)
    .filter(([condition]) => condition !== "@qard-iac/source")
    .flatMap(([, nested]) => exportTargets(nested));
}

function untar(tarball: string, into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("tar", ["-xzf", tarball, "-C", into], { stdio: "ignore" });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`tar exited ${code}`))));
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe("the published package", () => {
  it("holds compiled JavaScript and declarations only, none of which needs the repo", async () => {
    const { library } = await release();
    expect(library.name).toBe("@qard-iac/pulumi-qard");
    const documents = ["LICENSE", "README.md", "CHANGELOG.md", "package.json"];
    expect(library.files).toEqual(expect.arrayContaining([...documents, "dist/cjs/package.json"]));
    const unexpected = library.files.filter(
      (file) =>
        !documents.includes(file) && file !== "dist/cjs/package.json" && !/^dist\/.+\.(js|d\.ts)$/.test(file),
    );
    expect(unexpected).toEqual([]);

    const dir = await mkdtemp(path.join(os.tmpdir(), "qard-iac-unpacked-"));
    scratch.push(dir);
    await untar(library.tarball, dir);
    const root = path.join(dir, "package");
    const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as {
      version: string;
      exports: Record<string, ExportTarget>;
      peerDependencies: Record<string, string>;
      private?: boolean;
    };
    expect(manifest.private).toBeUndefined();
    expect(manifest.peerDependencies["@pulumi/pulumi"]).toBeDefined();
    // Every target a consumer can select (all conditions but the repo's own source one) is in the tarball.
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      for (const file of exportTargets(target)) {
        expect(library.files, `exports["${subpath}"]`).toContain(file.slice(2));
      }
    }
    // Each release is in the changelog, under its version.
    const changelog = await readFile(path.join(root, "CHANGELOG.md"), "utf8");
    expect(changelog).toContain(`## ${manifest.version}\n`);
    // The CommonJS copy is CommonJS for Node and TypeScript, whatever the package's own "type" says.
    expect(JSON.parse(await readFile(path.join(root, "dist", "cjs", "package.json"), "utf8"))).toEqual({
      type: "commonjs",
    });

    for (const file of await filesUnder(path.join(root, "dist"))) {
      if (!file.endsWith(".js")) continue;
      const text = await readFile(file, "utf8");
      const relative = path.relative(root, file);
      expect(text, relative).not.toMatch(/(from|import|require)\s*\(?\s*["'][^"']+\.ts["']/);
      expect(text, relative).not.toContain("@qard-iac/source");
    }
    const stub = await readFile(path.join(root, "dist", "resource", "dynamic-provider.js"), "utf8");
    const required = [...stub.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(required).not.toEqual([]);
    expect(new Set(required)).toEqual(new Set([RUNTIME_ENTRY]));
  });
});

describe("installed from its tarball into a Pulumi project outside the repo, run with the plain CLI", () => {
  it("a TypeScript program (ts-node, as `pulumi new typescript`): up, preview, refresh, drift, destroy", async (ctx) => {
    const cli = officialCliOrSkip(ctx);
    const { library } = await release();
    const project = await consumer("typescript", cli, library.tarball);
    try {
      // The program is type-checked against the installed declarations: a wrong type is refused before
      // anything runs (an `any` from missing declarations would pass).
      const program = path.join(project.dir, "index.ts");
      const source = await readFile(program, "utf8");
      await writeFile(program, `${source}export const wrong: pulumi.Output<string> = shopify.enabled;\n`);
      const mistyped = await project.pulumi(["preview"]);
      expect(mistyped.code).not.toBe(0);
      expect(mistyped.stdout + mistyped.stderr).toMatch(
        /error TS2322: Type '(Output|OutputInstance)<boolean>'/,
      );
      await writeFile(program, source);

      // Someone turns auto-connect off in Qard's dashboard.
      let output = await upPreviewRefreshDrift(project, {
        provider: "shopify",
        made: { settings: { auto_connect: false } },
        undone: { settings: { auto_connect: true } },
        property: "settings",
      });
      output += await expectDestroyed(project);
      noSecretIn(output);
      noSecretIn(await project.checkpoint());
    } finally {
      await project.remove();
    }
  });

  it("a JavaScript program: the same cycle, then an upgrade to the next release whose runtime refresh and destroy run", async (ctx) => {
    const cli = officialCliOrSkip(ctx);
    const { packer, library: releaseN } = await release();
    const project = await consumer("javascript", cli, releaseN.tarball);
    try {
      // Each entry point resolves, from the project, to the installed compiled files.
      const resolved = await nodeOutput(
        project.dir,
        outsideEnvironment(cli),
        `["@qard-iac/pulumi-qard", "@qard-iac/pulumi-qard/qard", "${RUNTIME_ENTRY}"].map((id) => require.resolve(id)).join("\\n")`,
      );
      const installed = path.join(project.dir, "node_modules", "@qard-iac", "pulumi-qard", "dist");
      expect(resolved.trim().split("\n")).toEqual([
        path.join(installed, "cjs", "index.js"),
        path.join(installed, "cjs", "qard", "index.js"),
        path.join(installed, "resource", "runtime-v1.js"),
      ]);

      // Someone disables the registry in Qard's dashboard.
      let output = await upPreviewRefreshDrift(project, {
        provider: "company_legal_fr",
        made: { enabled: false },
        undone: { enabled: true },
        property: "enabled",
      });

      // State written by release N holds only the stub, which names the runtime entry point.
      const stateN = await project.checkpoint();
      const stubs = [...stateN.matchAll(/"__provider":\s*"((?:[^"\\]|\\.)*)"/g)].map(
        (m) => JSON.parse(`"${m[1]}"`) as string,
      );
      expect(stubs.length).toBeGreaterThan(0);
      for (const stub of stubs) {
        expect(stub).toContain(`require("${RUNTIME_ENTRY}")`);
        expect(stub).not.toContain(project.dir);
      }

      const releaseNext = await packer.pack(nextPatch(releaseN.version));
      await project.install(releaseNext.tarball);
      expect(await project.installedVersion()).toBe(releaseNext.version);

      const trace = path.join(project.dir, "runtime-loads.jsonl");
      emulator.control.clearRequests();
      const refresh = await project.pulumiOk(["refresh", "--yes"], runtimeLoadTraceEnv(trace));
      output += refresh.stdout + refresh.stderr;
      // The refresh really read Qard: the provider list (once for its preview, once for the refresh).
      expect(
        emulator.control.requests().filter((r) => r.method === "GET" && r.path === "/api/v6/providers"),
      ).not.toEqual([]);
      output += await expectDestroyed(project, runtimeLoadTraceEnv(trace));

      // Every provider process of refresh and destroy loaded the runtime of the copy now installed.
      const loads = readRuntimeLoads(trace).filter((load) => load.script.includes("dynamic-provider"));
      expect(new Set(loads.map((load) => load.pid)).size).toBeGreaterThanOrEqual(2);
      for (const load of loads) {
        expect(load).toMatchObject({
          version: releaseNext.version,
          file: path.join(installed, "resource", "runtime-v1.js"),
        });
      }
      noSecretIn(output);
      noSecretIn(await project.checkpoint());
    } finally {
      await project.remove();
    }
  });
});

/** The lowest version a `^x.y.z` or `>=x.y.z` range of the package claims. */
function floorOf(range: string | undefined): string {
  const version = /^(?:\^|>=)(\d+\.\d+\.\d+)$/.exec(range ?? "")?.[1];
  if (version === undefined) throw new Error(`expected a ^x.y.z or >=x.y.z range, got "${range}"`);
  return version;
}

const PUBLIC_API = [
  "QARD_ACCOUNT_TYPE",
  "QardAccount",
  "QardProviderConfig",
  "ShopifyProvider",
  "isSecretsManagerCredentials",
];

describe("the oldest setup the package claims, on the template's CommonJS settings", () => {
  it("TypeScript and @pulumi/pulumi at the floors of its ranges, the oldest CLI, no AWS SDK: type-checks, loads, up, destroy", async (ctx) => {
    const { cli, skipReason } = cliOrSkipReason(findOldestSupportedCli());
    if (cli === undefined) return ctx.skip(skipReason);
    const { library } = await release();
    const manifest = JSON.parse(
      await readFile(path.join(projectRoot(), "providers", "package.json"), "utf8"),
    ) as { peerDependencies: Record<string, string> };
    const floors = {
      pulumi: floorOf(manifest.peerDependencies["@pulumi/pulumi"]),
      typescript: floorOf(manifest.peerDependencies.typescript),
    };
    const project = await createConsumerProject({
      kind: "typescript",
      cli,
      tarball: library.tarball,
      apiUrl: emulator.baseUrl,
      apiKey: API_KEY,
      shopifyClientSecret: SHOPIFY_SECRET,
      // @types/node as old as the template's Node; today's would need a newer TypeScript.
      versions: { ...floors, typesNode: "22" },
    });
    try {
      const env = outsideEnvironment(cli);
      const versionOf = async (name: string) =>
        (
          JSON.parse(
            await readFile(path.join(project.dir, "node_modules", name, "package.json"), "utf8"),
          ) as {
            version: string;
          }
        ).version;
      expect(await versionOf("@pulumi/pulumi")).toBe(floors.pulumi);
      expect(await versionOf("typescript")).toBe(floors.typescript);
      // The optional peer is not installed for a program without references.
      expect(existsSync(path.join(project.dir, "node_modules", "@aws-sdk", "client-secrets-manager"))).toBe(
        false,
      );

      // The program type-checks under the template's settings and under the CommonJS flavours of node16 and
      // nodenext (which refused the ESM-only package with TS1479).
      for (const module of [undefined, "node16", "nodenext"]) {
        const compilerOptions = {
          ...TEMPLATE_COMPILER_OPTIONS,
          ...(module === undefined ? {} : { module, moduleResolution: module }),
          noEmit: true,
        };
        await writeFile(
          path.join(project.dir, "tsconfig.check.json"),
          JSON.stringify({ compilerOptions, files: ["index.ts"] }),
        );
        const tsc = path.join(project.dir, "node_modules", "typescript", "bin", "tsc");
        const checked = await runCommand(process.execPath, [tsc, "-p", "tsconfig.check.json"], {
          cwd: project.dir,
          env,
        });
        expect(checked.output, `module ${module ?? "commonjs"}`).toBe("");
        expect(checked.code).toBe(0);
      }

      // The root exports the public API only, to require() and to import alike.
      const required = await nodeOutput(
        project.dir,
        env,
        `Object.keys(require("@qard-iac/pulumi-qard")).sort().join(",")`,
      );
      expect(required.trim()).toBe([...PUBLIC_API].sort().join(","));
      await writeFile(
        path.join(project.dir, "keys.mjs"),
        `import * as m from "@qard-iac/pulumi-qard";\nconsole.log(Object.keys(m).sort().join(","));\n`,
      );
      expect((await nodeRun(project.dir, env, ["keys.mjs"])).trim()).toBe([...PUBLIC_API].sort().join(","));

      await project.pulumiOk(["up", "--yes"]);
      expect(await live("shopify")).toMatchObject({ enabled: true, auto_connect: true });

      // A reference without the SDK: the preview fails, naming the package to install.
      const program = path.join(project.dir, "index.ts");
      const source = await readFile(program, "utf8");
      await writeFile(
        program,
        `${source}new QardProviderConfig("paypal", { providerName: "paypal", credentials: { secretsManager: { secretId: "qard/dev/paypal" } } });\n`,
      );
      const preview = await project.pulumi(["preview"]);
      expect(preview.code).not.toBe(0);
      expect(preview.stdout + preview.stderr).toContain("npm install @aws-sdk/client-secrets-manager");
      await writeFile(program, source);

      const output = await expectDestroyed(project);
      noSecretIn(output);
      noSecretIn(await project.checkpoint());
    } finally {
      await project.remove();
    }
  });
});
