// npm run stack -- <preview|up|refresh|destroy> --stack <name> [--create] [--diff] [--refresh] [--expect-no-changes]
//   [--no-policy | --policy-config <file>]
// preview and up enforce the policy pack in policy/ (with --policy-config, its config) unless --no-policy.
// Exit: 0 done; 1 the operation failed; 64 usage error (a bad flag, or a stack that does not exist).
// Runs the Qard program through the Automation API, the way the tests and the other workflows drive the
// engine. It needs only the `pulumi` CLI (not its Node.js language host), so it also runs where the CLI
// is built from source; with the official CLI, `pulumi up --stack <name>` does the same.
import type { Stack } from "@pulumi/pulumi/automation/index.js";
import type { PolicyChoice } from "../../infra/automation/policy-pack.ts";
import { parseCommandLine, policyFlags, usageError } from "../command-line.ts";
import { streamTo } from "../command-output.ts";
import { runCommand } from "../run-command.ts";
import { openStack } from "../../infra/automation/stack.ts";

const STACK_USAGE =
  "Usage: npm run stack -- <preview|up|refresh|destroy> --stack <name> [--create] [--diff] [--refresh] [--expect-no-changes] [--no-policy | --policy-config <file>]";
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
  };
}

// The CLI's own output is streamed as it runs; on failure the runner repeats only its error lines.
async function main(argv: string[]): Promise<number> {
  const policy = policyFlags(argv);
  const args = parseStackArgs(policy.argv);
  const stack = await openStack({
    stackName: args.stack,
    create: args.create,
    createHint: `npm run stack -- up --stack ${args.stack} --create`,
  });
  const output = streamTo(process.stdout);
  try {
    await run(stack, args, policy, { onOutput: (out: string) => output.write(out) });
  } finally {
    output.flush();
  }
  return 0;
}

async function run(
  stack: Stack,
  args: StackArgs,
  policy: PolicyChoice,
  common: { onOutput: (out: string) => void },
): Promise<void> {
  // A refresh reads Qard with the provider configured from the stack's current config (a rotated key, a
  // new URL), not with the configuration recorded in state by the last `up`.
  const refreshWithCurrentConfig = { refresh: args.refresh, runProgram: args.refresh || undefined };
  switch (args.operation) {
    case "preview":
      await stack.preview({
        ...common,
        ...policy.options,
        diff: args.diff,
        ...refreshWithCurrentConfig,
        expectNoChanges: args.expectNoChanges,
      });
      break;
    case "up":
      await stack.up({
        ...common,
        ...policy.options,
        diff: args.diff,
        ...refreshWithCurrentConfig,
        expectNoChanges: args.expectNoChanges,
      });
      break;
    case "refresh":
      await stack.refresh({ ...common, runProgram: true, expectNoChanges: args.expectNoChanges });
      break;
    case "destroy":
      await stack.destroy({ ...common, refresh: args.refresh });
      break;
  }
}

if (import.meta.main) runCommand(main);
