// npm run promote -- --from staging --to prod [--apply] [--json] [--no-policy | --policy-config <file>]
// Exit: 0 promoted (previewed, and applied with --apply); 1 refused or failed.
import { choosePolicy, type PolicyChoice } from "../../infra/automation/policy-pack.ts";
import { parsePromoteArgs } from "./args.ts";
import { promote } from "./promote.ts";
import { renderPromotion } from "./report.ts";

async function main(argv: string[]): Promise<number> {
  let policy: PolicyChoice;
  let args;
  try {
    policy = choosePolicy(argv);
    args = parsePromoteArgs(policy.argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const report = await promote({
    from: args.from,
    to: args.to,
    apply: args.apply,
    policy: policy.options,
    ...(args.json ? {} : { onOutput: (line: string) => process.stdout.write(line) }),
  });
  console.log(args.json ? JSON.stringify(report, null, 2) : renderPromotion(report));
  return report.refusals.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`promote failed: ${message.split("\n").slice(0, 5).join("\n")}`);
    process.exitCode = 1;
  },
);
