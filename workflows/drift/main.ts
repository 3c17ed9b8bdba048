// npm run drift -- --stack <name> [--json | --markdown] [--report-json <file>]
//   [--remediate [--record <prefix>]] [--no-policy | --policy-config <file>]
// Exit: 0 clean; findings 10 drift, 11 config change pending, 12 rotation pending (highest wins); a failed
// check with Pulumi's meaning (2 configuration, 3 authentication, 4 resource error, 1 other; the JSON says
// which as errorKind); 64 usage error (a bad flag, or a stack that does not exist).
import { writeFileSync } from "node:fs";
import { policyFlags } from "../command-line.ts";
import { printOut } from "../command-output.ts";
import { runCommand } from "../run-command.ts";
import { parseDriftArgs } from "./args.ts";
import { checkDrift } from "./check-drift.ts";
import { remediate, writeRecord } from "./remediate.ts";
import { renderJson, renderMarkdown, renderText } from "./report.ts";

async function main(argv: string[]): Promise<number> {
  const policy = policyFlags(argv);
  const args = parseDriftArgs(policy.argv);
  let report = await checkDrift({ stackName: args.stack, policy: policy.options });
  if (args.remediate && report.status !== "error" && report.findings.length > 0) {
    // Only the classes the stack allows; the second check says what is still found (the exit code's).
    const record = await remediate({
      stackName: args.stack,
      findings: report.findings,
      policy: policy.options,
    });
    writeRecord(args.record, record);
    if (record.providers.length > 0)
      report = await checkDrift({ stackName: args.stack, policy: policy.options });
  }
  const render = { text: renderText, json: renderJson, markdown: renderMarkdown }[args.format];
  printOut(render(report));
  if (args.reportJson) writeFileSync(args.reportJson, `${renderJson(report)}\n`);
  return report.exitCode;
}

if (import.meta.main) runCommand(main);
