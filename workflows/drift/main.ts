// npm run drift -- --stack <name> [--json | --markdown] [--no-policy | --policy-config <file>]
// Exit: 0 clean, 2 drift, 3 config change pending, 4 rotation pending (highest wins), 1 error.
import { choosePolicy, type PolicyChoice } from "../../infra/automation/policy-pack.ts";
import { parseDriftArgs } from "./args.ts";
import { checkDrift } from "./check-drift.ts";
import { renderJson, renderMarkdown, renderText } from "./report.ts";

async function main(argv: string[]): Promise<number> {
  let policy: PolicyChoice;
  let args;
  try {
    policy = choosePolicy(argv);
    args = parseDriftArgs(policy.argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const report = await checkDrift({ stackName: args.stack, policy: policy.options });
  const render = { text: renderText, json: renderJson, markdown: renderMarkdown }[args.format];
  console.log(render(report));
  return report.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
