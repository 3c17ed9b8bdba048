// npm run drift -- --stack <name> [--json | --markdown] [--no-policy | --policy-config <file>]
// Exit: 0 clean, 2 drift, 3 config change pending, 4 rotation pending (highest wins), 1 error,
// 64 usage error (a bad flag, or a stack that does not exist).
import { policyFlags } from "../command-line.ts";
import { printOut } from "../command-output.ts";
import { runCommand } from "../run-command.ts";
import { parseDriftArgs } from "./args.ts";
import { checkDrift } from "./check-drift.ts";
import { renderJson, renderMarkdown, renderText } from "./report.ts";

async function main(argv: string[]): Promise<number> {
  const policy = policyFlags(argv);
  const args = parseDriftArgs(policy.argv);
  const report = await checkDrift({ stackName: args.stack, policy: policy.options });
  const render = { text: renderText, json: renderJson, markdown: renderMarkdown }[args.format];
  printOut(render(report));
  return report.exitCode;
}

if (import.meta.main) runCommand(main);
