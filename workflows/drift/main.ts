// npm run drift -- --stack <name> [--json | --markdown]
// Exit: 0 clean, 2 drift, 3 config change pending, 4 rotation pending (highest wins), 1 error,
// 64 usage error (a bad flag, or a stack that does not exist).
import { EXIT_USAGE, isUsageError } from "../usage-error.ts";
import { parseDriftArgs } from "./args.ts";
import { checkDrift } from "./check-drift.ts";
import { renderJson, renderMarkdown, renderText } from "./report.ts";

async function main(argv: string[]): Promise<number> {
  const args = parseDriftArgs(argv);
  const report = await checkDrift({ stackName: args.stack });
  const render = { text: renderText, json: renderJson, markdown: renderMarkdown }[args.format];
  console.log(render(report));
  return report.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = isUsageError(error) ? EXIT_USAGE : 1;
  },
);
