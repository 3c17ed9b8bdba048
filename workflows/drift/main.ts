// npm run drift -- --stack <name> [--json | --markdown] [--report-json <file>]
//   [--remediate [--record <prefix>]] [--no-policy | --policy-config <file>]
// Exit: 0 clean; findings 10 drift, 11 config change pending, 12 rotation pending (highest wins); a failed
// check or repair with Pulumi's meaning (2 configuration, 3 authentication, 4 resource error, 1 other; the
// JSON says which as errorKind); 64 usage error (a bad flag, or a stack that does not exist).
import { writeFileSync } from "node:fs";
import type { Deployment } from "@pulumi/pulumi/automation/index.js";
import { neutralizeOutput } from "@qard-iac/pulumi-qard/rules";
import { policyFlags } from "../stacks/policy-flags.ts";
import { printOut } from "../../cli/command-output.ts";
import { runCommand } from "../../cli/run-command.ts";
import { parseDriftArgs } from "./args.ts";
import { checkDrift } from "../stacks/drift-check/check-drift.ts";
import { hasAnythingToRecord, remediate, writeRecord } from "./remediate.ts";
import { renderJson, renderMarkdown, renderText } from "./report.ts";
import { reportOf } from "../stacks/drift-check/drift-report.ts";

async function main(argv: string[]): Promise<number> {
  const policy = policyFlags(argv);
  const args = parseDriftArgs(policy.argv);
  const checked: { state?: Deployment } = {};
  let report = await checkDrift({
    stackName: args.stack,
    policy: policy.options,
    onCheckedState: (state) => (checked.state = state),
  });
  // A check that did not fail has read a state (checked.state is set). A clean stack goes through too: its
  // allowance is still read, so a key that could never be followed fails now rather than on the next drift.
  if (args.remediate && report.status !== "error" && checked.state) {
    // Only the classes the stack allows; the second check says what is still found (the exit code's).
    const record = await remediate({
      stackName: args.stack,
      findings: report.findings,
      checkedState: checked.state,
      policy: policy.options,
    });
    // A clean stack has nothing to record unless its allowance is refused.
    if (hasAnythingToRecord(record)) writeRecord(args.record, record);
    if (record.error !== undefined) {
      // A failed or refused repair is the answer, with its cause's code and the check's findings.
      const why = `The repair (--remediate) failed: ${record.error}`;
      report = reportOf(args.stack, "error", report.findings, why, record.errorKind);
    } else if (record.providers.length > 0) {
      report = await checkDrift({ stackName: args.stack, policy: policy.options });
    }
  }
  const render = { text: renderText, json: renderJson, markdown: renderMarkdown }[args.format];
  printOut(render(report));
  if (args.reportJson) writeFileSync(args.reportJson, `${neutralizeOutput(renderJson(report))}\n`);
  return report.exitCode;
}

if (import.meta.main) runCommand(main);
