// npm run drift -- --stack <name> [--json | --markdown] [--no-policy | --policy-config <file>]
// Exit: 0 clean; findings 10 drift, 11 config change pending, 12 rotation pending (highest wins); a failed
// check exits with Pulumi's code for its kind (2 config, 3 auth, 4 resource or unreachable, 1 otherwise);
// 64 usage error (a bad flag, or a stack that does not exist).
import { writeFile } from "node:fs/promises";
import { policyFlags } from "../command-line.ts";
import { printOut } from "../command-output.ts";
import { runCommand } from "../run-command.ts";
import { parseDriftArgs } from "./args.ts";
import { checkDrift } from "./check-drift.ts";
import { remediateDrift, renderRecordMarkdown } from "./remediate.ts";
import { renderJson, renderMarkdown, renderText } from "./report.ts";

async function main(argv: string[]): Promise<number> {
  const policy = policyFlags(argv);
  const args = parseDriftArgs(policy.argv);
  const render = { text: renderText, json: renderJson, markdown: renderMarkdown }[args.format];
  if (!args.remediate) {
    const report = await checkDrift({ stackName: args.stack, policy: policy.options });
    printOut(render(report));
    return report.exitCode;
  }
  // Remediation: the record says what was repaired and what was left; the exit code is the check after it.
  const record = await remediateDrift({ stackName: args.stack, policy: policy.options });
  if (args.record !== undefined) {
    await writeFile(`${args.record}.json`, `${JSON.stringify(record, null, 2)}\n`);
    await writeFile(`${args.record}.md`, `${renderRecordMarkdown(record)}\n`);
  }
  printOut(args.format === "json" ? JSON.stringify(record, null, 2) : renderRecordMarkdown(record));
  if (args.format !== "json") printOut(render(record.after));
  return record.after.exitCode;
}

if (import.meta.main) runCommand(main);
