// npm run stack -- <preview|up|refresh|destroy> --stack <name> [--diff] [--refresh] [--expect-no-changes] [--no-policy | --policy-config <file>]
// preview and up enforce the policy pack in policy/ (with --policy-config, its config) unless --no-policy.
// Runs the Qard program through the Automation API, the way the tests and the other workflows drive the
// engine. It needs only the `pulumi` CLI (not its Node.js language host), so it also runs where the CLI
// is built from source; with the official CLI, `pulumi up --stack <name>` does the same.
import { parseCommandLine } from "../command-line.ts";
import { cliErrorLines } from "../../infra/automation/cli-errors.ts";
import { choosePolicy, type PolicyChoice } from "../../infra/automation/policy-pack.ts";
import { openStack } from "../../infra/automation/stack.ts";

export const STACK_USAGE =
  "Usage: npm run stack -- <preview|up|refresh|destroy> --stack <name> [--diff] [--refresh] [--expect-no-changes]";
export const STACK_FLAGS = ["--stack", "--diff", "--refresh", "--expect-no-changes"] as const;
const OPERATIONS = ["preview", "up", "refresh", "destroy"] as const;
type Operation = (typeof OPERATIONS)[number];

export interface StackArgs {
  operation: Operation;
  stack: string;
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
        diff: { type: "boolean" },
        refresh: { type: "boolean" },
        "expect-no-changes": { type: "boolean" },
      },
    },
    STACK_USAGE,
  );
  const [operation, ...extra] = parsed.positionals;
  if (!OPERATIONS.includes(operation as Operation) || extra.length > 0) {
    throw new Error(`expected one of ${OPERATIONS.join(", ")}\n${STACK_USAGE}`);
  }
  if (!parsed.values.stack) throw new Error(`--stack is required\n${STACK_USAGE}`);
  return {
    operation: operation as Operation,
    stack: parsed.values.stack,
    diff: parsed.values.diff ?? false,
    refresh: parsed.values.refresh ?? false,
    expectNoChanges: parsed.values["expect-no-changes"] ?? false,
  };
}

async function main(argv: string[]): Promise<number> {
  let policy: PolicyChoice;
  let args: StackArgs;
  try {
    policy = choosePolicy(argv);
    args = parseStackArgs(policy.argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const stack = await openStack({ stackName: args.stack });
  const common = { onOutput: (out: string) => process.stdout.write(out) };
  switch (args.operation) {
    case "preview":
      await stack.preview({
        ...common,
        ...policy.options,
        diff: args.diff,
        refresh: args.refresh,
        expectNoChanges: args.expectNoChanges,
      });
      break;
    case "up":
      await stack.up({
        ...common,
        ...policy.options,
        diff: args.diff,
        refresh: args.refresh,
        expectNoChanges: args.expectNoChanges,
      });
      break;
    case "refresh":
      await stack.refresh({ ...common, expectNoChanges: args.expectNoChanges });
      break;
    case "destroy":
      await stack.destroy({ ...common, refresh: args.refresh });
      break;
  }
  return 0;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      // The CLI's own output was streamed above; its error lines end the message.
      const message = error instanceof Error ? error.message : String(error);
      const errors = cliErrorLines(message);
      console.error(errors.length > 0 ? errors.join("\n") : message.split("\n").slice(0, 5).join("\n"));
      process.exitCode = 1;
    },
  );
}
