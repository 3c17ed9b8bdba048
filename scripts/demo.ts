// The offline demo: the `dev` stack against the local Qard emulator, with a local state backend.
//   npm run demo                 pulumi up, then what Qard now holds
//   npm run demo -- preview      what `pulumi up` would change (with --diff)
//   npm run demo -- drift        preview --refresh --expect-no-changes: does Qard still match?
//   npm run demo -- destroy      disable every provider and empty the stack
//   npm run demo -- policy       preview under the policy pack (policy/): exit 1 when a rule refuses it
//   npm run demo -- pulumi ...   any Pulumi CLI command on the dev stack: the demo's backend, passphrase and emulator
//   npm run demo -- accounts [step]   the same steps on the dev-accounts stack: two Qard accounts (qard:accounts),
//                                each on its own emulator that accepts only that account's key
// The emulators' state (.demo/emulator*.json) and Pulumi's state (.demo/state) persist between runs.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CommandError, type EngineEvent, type Stack } from "@pulumi/pulumi/automation/index.js";
import { QardClient } from "@qard-iac/pulumi-qard/qard";
import { isRecord } from "@qard-iac/pulumi-qard/internal";
import { policyPackDir, policyViolationLines } from "../workflows/stacks/policy-pack.ts";
import { projectRoot } from "../infra/project-root.ts";
import { resolvePulumiCommand, toolEnvironment } from "../workflows/stacks/pulumi-command.ts";
import { openStack } from "../workflows/stacks/stack.ts";
import { startEmulator, type RunningEmulator } from "../emulator/server.ts";
import { usageError } from "../cli/command-line.ts";
import { printOut, streamTo, type StreamedOutput } from "../cli/command-output.ts";
import { asksForHelp, HelpRequest } from "../cli/help-request.ts";
import { runCommand } from "../cli/run-command.ts";

const DEMO_USAGE =
  "Usage: npm run demo -- [accounts] [up | preview | drift | destroy | policy | pulumi <args>]";
const ONE_ACCOUNT_STACK = "dev";
const ACCOUNTS_STACK = "dev-accounts";
const DEMO_PASSPHRASE = "qard-iac-demo";
const EMULATOR_KEY = "emulator-key";
const STEPS = ["up", "preview", "drift", "destroy", "policy", "pulumi"];

/** One emulator standing in for one Qard account: the dev stack's, or one account of dev-accounts. */
interface DemoAccount {
  /** The name in qard:accounts; undefined for the dev stack's one account. */
  name?: string;
  apiUrl: string;
  apiKey: string;
  stateFile: string;
}

interface RunningAccount {
  account: DemoAccount;
  emulator: RunningEmulator;
}

// QARD_DEMO_DIR lets a test run the demo without touching a developer's .demo/.
const demoDir = process.env.QARD_DEMO_DIR ?? path.join(projectRoot(), ".demo");
const demoEnv = {
  PULUMI_BACKEND_URL: pathToFileURL(path.join(demoDir, "state")).href,
  PULUMI_CONFIG_PASSPHRASE: DEMO_PASSPHRASE,
};

async function main(args: string[]): Promise<number> {
  const withAccounts = args[0] === "accounts";
  const [command = "up", ...rest] = withAccounts ? args.slice(1) : args;
  // Only as the step itself: `npm run demo -- pulumi up --help` is the CLI's own help.
  if (asksForHelp([command])) throw new HelpRequest(DEMO_USAGE);
  mkdirSync(path.join(demoDir, "state"), { recursive: true });
  if (!STEPS.includes(command)) {
    throw usageError(`unknown demo step "${command}"`, DEMO_USAGE);
  }
  const stackName = withAccounts ? ACCOUNTS_STACK : ONE_ACCOUNT_STACK;
  const stack = await openStack({ stackName, env: demoEnv, create: true });
  const accounts = withAccounts ? await namedAccounts(stack) : [await oneAccount(stack)];
  // The emulators run for the plain CLI too, so `npm run demo -- pulumi up` or `preview --refresh` work.
  const running: RunningAccount[] = [];
  // The engine's output, neutralised like every command's (it repeats the provider's errors).
  const output = streamTo(process.stdout);
  try {
    for (const account of accounts) running.push({ account, emulator: await startDemoEmulator(account) });
    if (command === "pulumi") return await runCli(stackName, rest);
    return await run(command, stack, running, output);
  } finally {
    output.flush();
    for (const { emulator } of running) await emulator.close();
  }
}

/** The dev stack: one account, from qard:apiUrl, with the emulator's fixed key. */
async function oneAccount(stack: Stack): Promise<DemoAccount> {
  return {
    apiUrl: (await stack.getConfig("qard:apiUrl")).value,
    apiKey: EMULATOR_KEY,
    stateFile: path.join(demoDir, "emulator.json"),
  };
}

/**
 * The dev-accounts stack: one emulator per account of qard:accounts, at the account's apiUrl, accepting
 * only the account's own key (read from the stack's config with the demo's passphrase): a key sent to the
 * other account's URL would be refused there.
 */
async function namedAccounts(stack: Stack): Promise<DemoAccount[]> {
  const config = await stack.getAllConfig();
  const raw = config["qard:accounts"]?.value;
  const accounts: unknown = raw === undefined ? undefined : JSON.parse(raw);
  if (!isRecord(accounts)) throw new Error(`Pulumi.${ACCOUNTS_STACK}.yaml has no qard:accounts`);
  return Object.entries(accounts).map(([name, entry]) => {
    const { apiUrl, apiKey } = isRecord(entry) ? entry : {};
    if (typeof apiUrl !== "string" || typeof apiKey !== "string") {
      throw new Error(`qard:accounts.${name} of Pulumi.${ACCOUNTS_STACK}.yaml needs an apiUrl and an apiKey`);
    }
    return { name, apiUrl, apiKey, stateFile: path.join(demoDir, `emulator-${ACCOUNTS_STACK}-${name}.json`) };
  });
}

async function run(
  command: string,
  stack: Stack,
  running: readonly RunningAccount[],
  output: StreamedOutput,
): Promise<number> {
  const print = { onOutput: (out: string) => output.write(out) };
  switch (command) {
    case "preview":
      await stack.preview({ diff: true, ...print });
      return 0;
    case "drift":
      try {
        await stack.preview({ refresh: true, expectNoChanges: true, diff: true, ...print });
        output.flush();
        printOut("\nNo drift: Qard matches the stack.");
        return 0;
      } catch (error) {
        if (error instanceof CommandError && /no changes were expected/.test(error.message)) {
          output.flush();
          printOut(
            `\nDrift: Qard differs from the stack (see above). \`${demoCommand(stack)}\` puts it back.`,
          );
          // npm run drift's code for drift: none of Pulumi's own codes (2 would mean a configuration error).
          return 10;
        }
        throw error;
      }
    case "policy":
      return previewUnderPolicy(stack, output);
    case "destroy":
      await stack.destroy({ ...print });
      output.flush();
      for (const account of running) await printQardTable(account);
      return 0;
    default:
      await stack.up({ ...print });
      output.flush();
      for (const account of running) await printQardTable(account);
      if (stack.name === ACCOUNTS_STACK) printAccountsNextSteps();
      else printNextSteps();
      return 0;
  }
}

/** A preview with the policy pack, as the pipelines run it; the violations again at the end, one a line. */
async function previewUnderPolicy(stack: Stack, output: StreamedOutput): Promise<number> {
  const events: EngineEvent[] = [];
  const options = {
    policyPacks: [policyPackDir()],
    onOutput: (out: string) => output.write(out),
    onEvent: (event: EngineEvent) => events.push(event),
  };
  try {
    await stack.preview(options);
  } catch (error) {
    output.flush();
    const violations = policyViolationLines(events);
    if (!(error instanceof CommandError) || violations.length === 0) throw error;
    printOut(`\nRefused by the policy pack:\n${violations.join("\n")}`);
    return 1;
  }
  output.flush();
  const warnings = policyViolationLines(events);
  printOut(
    warnings.length > 0
      ? `\nAllowed, with warnings:\n${warnings.join("\n")}`
      : "\nThe policy pack allows this stack.",
  );
  return 0;
}

function demoCommand(stack: Stack): string {
  return stack.name === ACCOUNTS_STACK ? "npm run demo -- accounts" : "npm run demo";
}

async function startDemoEmulator(account: DemoAccount): Promise<RunningEmulator> {
  const url = new URL(account.apiUrl);
  try {
    return await startEmulator({
      host: url.hostname,
      port: Number(url.port),
      apiKeys: [account.apiKey],
      stateFile: account.stateFile,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      const setting = account.name === undefined ? "qard:apiUrl" : `qard:accounts.${account.name}.apiUrl`;
      throw new Error(
        `Port ${url.port} is in use, and the demo stack's ${setting} points there: stop what listens on it ` +
          `(an \`npm run emulator\` left running?) and run the demo again.`,
        { cause: error },
      );
    }
    throw error;
  }
}

async function printQardTable({ account, emulator }: RunningAccount): Promise<void> {
  const client = new QardClient({ baseUrl: emulator.baseUrl, apiKey: account.apiKey });
  const providers = (await client.listProviders()).filter(
    (provider) => provider.enabled || emulator.control.credentialsOf(provider.name) !== undefined,
  );
  const rows = providers.map((provider) => [
    provider.name,
    provider.enabled ? "yes" : "no",
    provider.settings.auto_connect === undefined ? "-" : String(provider.settings.auto_connect),
    provider.credentialKeys.length === 0
      ? "n/a"
      : emulator.control.credentialsOf(provider.name)
        ? "yes"
        : "no",
  ]);
  const header = ["provider", "enabled", "auto_connect", "credentials set"];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const whose = account.name === undefined ? "Qard" : `Qard account ${account.name}`;
  printOut(`\nWhat ${whose} (the emulator at ${emulator.baseUrl}) now holds:\n`);
  printOut(line(header));
  printOut(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) printOut(line(row));
  if (rows.length === 0) printOut("(no provider enabled or configured)");
}

function printNextSteps(): void {
  printOut(`
Next:
  npm run demo -- preview     # nothing to change: Qard matches the stack
  # change a setting, in Pulumi.dev.yaml or with the CLI:
  npm run demo -- pulumi config set --path 'qard:providers.shopify.autoConnect' false
  npm run demo -- preview     # names the property that changes (settings.auto_connect)
  npm run demo                # applies it with one settings PUT
  git checkout Pulumi.dev.yaml && npm run demo   # undoes it: the tracked stack file, then Qard
  npm run demo -- drift       # checks that Qard still matches (exit 10 on drift)
  npm run demo -- policy      # the preview under the policy pack (docs/policy.md)
  npm run demo -- destroy     # disables every provider (Qard has no delete)`);
}

function printAccountsNextSteps(): void {
  printOut(`
Two Qard accounts, each on its own emulator that accepts only its own key (Pulumi.${ACCOUNTS_STACK}.yaml):
  npm run demo -- accounts preview    # nothing to change in either account
  npm run demo -- accounts pulumi config set --path 'qard:accounts.us.providers.company_legal_fr.autoConnect' true
  npm run demo -- accounts preview    # names the resource (us/company_legal_fr) and the property
  git checkout Pulumi.${ACCOUNTS_STACK}.yaml   # undoes it
  npm run demo -- accounts drift      # checks both accounts (exit 10 on drift)
  npm run demo -- accounts destroy    # disables every provider of both accounts`);
}

/** The plain CLI on a demo stack; asynchronous, because the emulators answer from this process meanwhile. */
async function runCli(stackName: string, args: string[]): Promise<number> {
  const command = await resolvePulumiCommand();
  const child = spawn(command.command, [...args, "--stack", stackName], {
    cwd: projectRoot(),
    stdio: "inherit",
    env: { ...process.env, ...toolEnvironment(), ...demoEnv },
  });
  const [code] = (await once(child, "close")) as [number | null];
  return code ?? 1;
}

// The CLI's full output was streamed as it ran; on failure the runner repeats only its error lines.
if (import.meta.main) runCommand(main);
