/**
 * A Pulumi project of a library user, in a temp folder outside the repo: its own package.json, Pulumi.yaml
 * and program, the library installed from a tarball with npm, run with the plain CLI on a file backend.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../../infra/project-root.ts";
import { runNpm } from "./package-tarball.ts";
import { cliEnvironment, runPulumi, type OfficialCli, type PulumiResult } from "./official-cli.ts";
import { TEST_PASSPHRASE } from "./pulumi-backend.ts";

export type ProgramKind = "javascript" | "typescript";

export interface ConsumerProject {
  dir: string;
  /** The file:// backend folder. */
  stateDir: string;
  stackName: string;
  /** Runs `pulumi <args>` in the project with its backend, passphrase and `extraEnv`. */
  pulumi(args: string[], extraEnv?: Record<string, string>): Promise<PulumiResult>;
  /** Like `pulumi`, but throws with the CLI's output unless it exits 0. */
  pulumiOk(args: string[], extraEnv?: Record<string, string>): Promise<PulumiResult>;
  /** `npm install <tarball>` in the project, as a user upgrades. */
  install(tarball: string): Promise<void>;
  /** `version` of the library as installed in the project's node_modules. */
  installedVersion(): Promise<string>;
  /** The stack's checkpoint (state) file as text. */
  checkpoint(): Promise<string>;
  remove(): Promise<void>;
}

export interface ConsumerOptions {
  kind: ProgramKind;
  cli: OfficialCli;
  tarball: string;
  /** The emulator's base URL and an API key it accepts. */
  apiUrl: string;
  apiKey: string;
  shopifyClientSecret: string;
  /** Versions to install instead of the repo's own (e.g. the oldest the package's ranges claim). */
  versions?: { pulumi?: string; typescript?: string; typesNode?: string };
}

const PROJECT_NAME = "qard-consumer";

// The same program in both languages: a ShopifyProvider with credentials from secret config, and a
// QardProviderConfig for a provider without credentials.
const JAVASCRIPT_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { QardProviderConfig, ShopifyProvider } = require("@qard-iac/pulumi-qard");

const config = new pulumi.Config();
const shopify = new ShopifyProvider("shopify", {
  clientId: config.require("shopifyClientId"),
  clientSecret: config.requireSecret("shopifyClientSecret"),
  autoConnect: true,
});
const registry = new QardProviderConfig("company-legal-fr", {
  providerName: "company_legal_fr",
  settings: { auto_connect: true },
});

exports.shopifyEnabled = shopify.enabled;
exports.registryCredentialsSource = registry.credentialsSource;
`;

const TYPESCRIPT_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { QardProviderConfig, ShopifyProvider, type CredentialsSource } from "@qard-iac/pulumi-qard";

const config = new pulumi.Config();
const shopify = new ShopifyProvider("shopify", {
  clientId: config.require("shopifyClientId"),
  clientSecret: config.requireSecret("shopifyClientSecret"),
  autoConnect: true,
});
const registry = new QardProviderConfig("company-legal-fr", {
  providerName: "company_legal_fr",
  settings: { auto_connect: true },
});

export const shopifyEnabled: pulumi.Output<boolean> = shopify.enabled;
export const registryCredentialsSource: pulumi.Output<CredentialsSource> = registry.credentialsSource;
`;

// What \`pulumi new typescript\` writes: the CLI's default TypeScript path (ts-node, with the typescript
// the project installs, type-checking the program and the library's declarations), CommonJS output, so the
// library (an ES module) is loaded by Node's require(esm).
const TYPESCRIPT_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

async function repoVersionOf(packageName: string): Promise<string> {
  const manifest = path.join(projectRoot(), "node_modules", packageName, "package.json");
  return (JSON.parse(await readFile(manifest, "utf8")) as { version: string }).version;
}

/**
 * The environment of a user's shell: the CLI's folders and the system's, nothing from this repo (its
 * node_modules/.bin, its NODE_OPTIONS or variables), so nothing can resolve from the checkout.
 */
export function outsideEnvironment(cli: OfficialCli): NodeJS.ProcessEnv {
  const root = projectRoot();
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith("QARD_") || key.startsWith("VITEST") || key === "NODE_OPTIONS") delete env[key];
  }
  env.PATH = (env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => dir !== "" && !path.resolve(dir).startsWith(root + path.sep))
    .join(path.delimiter);
  return cliEnvironment(cli, env);
}

/** `pulumi new typescript`'s compiler options: CommonJS output, the classic `node` resolution. */
export const TEMPLATE_COMPILER_OPTIONS: Readonly<Record<string, unknown>> =
  TYPESCRIPT_TSCONFIG.compilerOptions;

async function writeProject(
  dir: string,
  kind: ProgramKind,
  versions: ConsumerOptions["versions"] = {},
): Promise<void> {
  const main = kind === "typescript" ? "index.ts" : "index.js";
  const manifest: Record<string, unknown> = { name: PROJECT_NAME, version: "1.0.0", private: true, main };
  if (kind === "typescript") {
    manifest.devDependencies = {
      typescript: versions.typescript ?? (await repoVersionOf("typescript")),
      "@types/node": versions.typesNode ?? (await repoVersionOf("@types/node")),
    };
    await writeFile(path.join(dir, "tsconfig.json"), `${JSON.stringify(TYPESCRIPT_TSCONFIG, null, 2)}\n`);
  }
  await writeFile(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    path.join(dir, "Pulumi.yaml"),
    `name: ${PROJECT_NAME}\ndescription: Uses @qard-iac/pulumi-qard from npm\n` +
      `runtime:\n  name: nodejs\n  options:\n    packagemanager: npm\n`,
  );
  await writeFile(path.join(dir, main), kind === "typescript" ? TYPESCRIPT_PROGRAM : JAVASCRIPT_PROGRAM);
}

/**
 * Creates the project, installs the tarball and `@pulumi/pulumi` (the repo's version unless `versions` says
 * otherwise), inits a stack.
 */
export async function createConsumerProject(options: ConsumerOptions): Promise<ConsumerProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `qard-consumer-${options.kind}-`));
  const stateDir = await mkdtemp(path.join(os.tmpdir(), "qard-consumer-state-"));
  const stackName = "dev";
  const baseEnv = outsideEnvironment(options.cli);
  const backendEnv = {
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
  };
  const npmInstall = (specs: string[]) =>
    runNpm(["install", "--prefer-offline", "--no-audit", "--no-fund", ...specs], dir, baseEnv);

  const project: ConsumerProject = {
    dir,
    stateDir,
    stackName,
    pulumi: (args, extraEnv = {}) =>
      runPulumi(options.cli, args, { cwd: dir, baseEnv, env: { ...backendEnv, ...extraEnv } }),
    async pulumiOk(args, extraEnv) {
      const result = await project.pulumi(args, extraEnv);
      if (result.code !== 0) {
        throw new Error(
          `pulumi ${args.join(" ")} exited ${result.code}:\n${result.stdout}\n${result.stderr}`,
        );
      }
      return result;
    },
    install: async (tarball) => {
      await npmInstall([tarball]);
    },
    async installedVersion() {
      const manifest = path.join(dir, "node_modules", "@qard-iac", "pulumi-qard", "package.json");
      return (JSON.parse(await readFile(manifest, "utf8")) as { version: string }).version;
    },
    checkpoint: () =>
      readFile(path.join(stateDir, ".pulumi", "stacks", PROJECT_NAME, `${stackName}.json`), "utf8"),
    async remove() {
      await rm(dir, { recursive: true, force: true });
      await rm(stateDir, { recursive: true, force: true });
    },
  };

  try {
    await writeProject(dir, options.kind, options.versions);
    const pulumiVersion = options.versions?.pulumi ?? (await repoVersionOf("@pulumi/pulumi"));
    await npmInstall([options.tarball, `@pulumi/pulumi@${pulumiVersion}`]);
    await project.pulumiOk(["stack", "init", stackName]);
    await project.pulumiOk(["config", "set", "qard:apiUrl", options.apiUrl]);
    await project.pulumiOk(["config", "set", "--secret", "qard:apiKey", options.apiKey]);
    await project.pulumiOk(["config", "set", "shopifyClientId", "consumer-client-id"]);
    await project.pulumiOk(["config", "set", "--secret", "shopifyClientSecret", options.shopifyClientSecret]);
  } catch (error) {
    await project.remove();
    throw error;
  }
  return project;
}
