// npm run stack -- <preview|up|refresh|destroy> --stack <name> [--yes] [--skip-preview] [--create] [--diff]
//   [--refresh] [--expect-no-changes] [--no-policy | --policy-config <file>]
// preview and up enforce the policy pack in policy/ (with --policy-config, its config) unless --no-policy.
// up, refresh and destroy show their preview and ask, as the Pulumi CLI does, unless --yes or --skip-preview.
// Exit: 0 done (or --help); 1 the operation failed or was declined; 2 a change without --yes where nobody can
// confirm it (no terminal), as Pulumi; 64 usage error (a bad flag, or a stack that does not exist).
// Runs the Qard program through the Automation API, the way the tests and the other workflows drive the
// engine. It needs only the `pulumi` CLI (not its Node.js language host), so it also runs where the CLI
// is built from source; with the official CLI, `pulumi up --stack <name>` does the same.
import type { Stack } from "@pulumi/pulumi/automation/index.js";
import { parseCommandLine, usageError } from "../../cli/command-line.ts";
import { policyFlags } from "../stacks/policy-flags.ts";
import { printErr, streamTo } from "../../cli/command-output.ts";
import { ConfirmationRequiredError } from "../../cli/confirmation-required-error.ts";
import { EXIT_FAILED, runCommand } from "../../cli/run-command.ts";
import { refuseSharedAccounts } from "../stacks/account-claims.ts";
import { openStack } from "../stacks/stack.ts";
import type { PolicyChoice } from "../stacks/policy-pack.ts";
import { askToProceed, confirmationStep } from "./confirmation.ts";

const STACK_USAGE =
  "Usage: npm run stack -- <preview|up|refresh|destroy> --stack <name> [--yes] [--skip-preview] [--create] [--diff] [--refresh] [--expect-no-changes] [--no-policy | --policy-config <file>]";
const OPERATIONS = ["preview", "up", "refresh", "destroy"] as const;
type Operation = (typeof OPERATIONS)[number];

export interface StackArgs {
  operation: Operation;
  stack: string;
  /** Create the stack if it does not exist; without it an unknown name is refused. */
  create: boolean;
  diff: boolean;
  refresh: boolean;
  expectNoChanges: boolean;
  /** Go ahead without asking (`--yes`, `-y`). */
  yes: boolean;
  /** No preview and no question (`--skip-preview`, `-f`), as the Pulumi CLI. */
  skipPreview: boolean;
}

export function parseStackArgs(argv: string[]): StackArgs {
  const parsed = parseCommandLine(
    {
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        stack: { type: "string" },
        create: { type: "boolean" },
        diff: { type: "boolean" },
        refresh: { type: "boolean" },
        "expect-no-changes": { type: "boolean" },
        yes: { type: "boolean", short: "y" },
        "skip-preview": { type: "boolean", short: "f" },
      },
    },
    STACK_USAGE,
  );
  const [operation, ...extra] = parsed.positionals;
  if (!OPERATIONS.includes(operation as Operation) || extra.length > 0) {
    throw usageError(`expected one of ${OPERATIONS.join(", ")}`, STACK_USAGE);
  }
  if (!parsed.values.stack) throw usageError("--stack is required", STACK_USAGE);
  if (parsed.values.create && operation !== "up" && operation !== "preview") {
    throw usageError(
      `--create goes with up or preview: a new stack has nothing to ${operation}`,
      STACK_USAGE,
    );
  }
  return {
    operation: operation as Operation,
    stack: parsed.values.stack,
    create: parsed.values.create ?? false,
    diff: parsed.values.diff ?? false,
    refresh: parsed.values.refresh ?? false,
    expectNoChanges: parsed.values["expect-no-changes"] ?? false,
    yes: parsed.values.yes ?? false,
    skipPreview: parsed.values["skip-preview"] ?? false,
  };
}

// The CLI's own output is streamed as it runs; on failure the runner repeats only its error lines.
async function main(argv: string[]): Promise<number> {
  const policy = policyFlags(argv);
  const args = parseStackArgs(policy.argv);
  const step = confirmationStep({
    changes: args.operation !== "preview",
    yes: args.yes,
    skipPreview: args.skipPreview,
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
  });
  if (step === "refuse") {
    throw new ConfirmationRequiredError(
      `--yes is required in non-interactive mode: \`npm run stack -- ${args.operation} --stack ${args.stack} --yes\` ` +
        `(or --skip-preview), as with \`pulumi ${args.operation} --yes\``,
    );
  }
  const stack = await openStack({
    stackName: args.stack,
    create: args.create,
    createHint: `npm run stack -- up --stack ${args.stack} --create`,
  });
  // Before anything runs: an account of this stack that another stack of the project already manages.
  if (args.operation === "preview" || args.operation === "up") await refuseSharedAccounts(stack);
  const output = streamTo(process.stdout);
  const common = { onOutput: (out: string) => output.write(out) };
  try {
    if (step === "preview-and-ask") {
      await previewOf(stack, args, policy, common);
      output.flush();
      if (!(await askToProceed(`Do you want to perform this ${QUESTION[args.operation]}?`))) {
        printErr("confirmation declined, not proceeding: nothing was changed");
        return EXIT_FAILED;
      }
    }
    await run(stack, args, policy, common);
  } finally {
    output.flush();
  }
  return 0;
}

const QUESTION: Record<Operation, string> = {
  preview: "preview",
  up: "update",
  refresh: "refresh",
  destroy: "destroy",
};

interface EngineOutput {
  onOutput: (out: string) => void;
}

/**
 * A refresh reads Qard with the provider configured from the stack's current config (a rotated key, a new
 * URL), not with the configuration recorded in state by the last `up`.
 */
function refreshWithCurrentConfig(refresh: boolean): { refresh: boolean; runProgram?: boolean } {
  return { refresh, runProgram: refresh || undefined };
}

/**
 * The options `preview` and `up` share: the policy pack, the diff, a refresh with the current config. The
 * preview shown before the question never expects "no changes": it only shows them.
 */
function updateOptions(
  args: StackArgs,
  policy: PolicyChoice,
  common: EngineOutput,
  expect: Pick<StackArgs, "expectNoChanges">,
) {
  return {
    ...common,
    ...policy.options,
    diff: args.diff,
    ...refreshWithCurrentConfig(args.refresh),
    expectNoChanges: expect.expectNoChanges,
  };
}

/** What the operation would do, shown before the question (as `pulumi up` shows it). */
async function previewOf(
  stack: Stack,
  args: StackArgs,
  policy: PolicyChoice,
  common: EngineOutput,
): Promise<void> {
  switch (args.operation) {
    case "up":
    case "preview":
      await stack.preview(updateOptions(args, policy, common, { expectNoChanges: false }));
      return;
    case "refresh":
      await stack.previewRefresh({ ...common, runProgram: true });
      return;
    case "destroy":
      await stack.previewDestroy({ ...common, refresh: args.refresh });
      return;
  }
}

async function run(stack: Stack, args: StackArgs, policy: PolicyChoice, common: EngineOutput): Promise<void> {
  switch (args.operation) {
    case "preview":
      await stack.preview(updateOptions(args, policy, common, args));
      return;
    case "up":
      await stack.up(updateOptions(args, policy, common, args));
      return;
    case "refresh":
      await stack.refresh({ ...common, runProgram: true, expectNoChanges: args.expectNoChanges });
      return;
    case "destroy":
      await stack.destroy({ ...common, refresh: args.refresh });
      return;
  }
}

if (import.meta.main) runCommand(main);
