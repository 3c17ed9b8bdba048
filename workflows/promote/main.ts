// npm run promote -- --from staging --to prod [--map <account>=<account>]... [--apply] [--json | --markdown] [--no-policy | --policy-config <file>]
// Exit: 0 promoted (previewed, and applied with --apply); 1 refused or failed; 64 usage error (a bad flag,
// or a stack that does not exist). --markdown prints a pull request body; the engine's output goes to stderr.
import { policyFlags } from "../stacks/policy-flags.ts";
import { printOut, streamTo } from "../../cli/command-output.ts";
import { runCommand } from "../../cli/run-command.ts";
import { parsePromoteArgs } from "./args.ts";
import { renderPromotionMarkdown } from "./markdown.ts";
import { promote } from "./promote.ts";
import { renderPromotion } from "./report.ts";

async function main(argv: string[]): Promise<number> {
  const policy = policyFlags(argv);
  const args = parsePromoteArgs(policy.argv);
  const target = { text: process.stdout, markdown: process.stderr, json: undefined }[args.format];
  const stream = target && streamTo(target);
  const report = await promote({
    from: args.from,
    to: args.to,
    apply: args.apply,
    map: args.map,
    policy: policy.options,
    ...(stream ? { onOutput: (line: string) => stream.write(line) } : {}),
  }).finally(() => stream?.flush());
  const render = {
    text: renderPromotion,
    markdown: renderPromotionMarkdown,
    json: (r: typeof report) => JSON.stringify(r, null, 2),
  }[args.format];
  printOut(render(report));
  return report.refusals.length > 0 ? 1 : 0;
}

if (import.meta.main) runCommand(main);
