// npm run import -- --stack <name> [--secret-id-pattern 'qard/{stack}/{provider}' | --without-credentials]
//                   [--all] [--merge] [--dry-run] [--json]
// Reads the account's providers (GETs only) and declares them in Pulumi.<stack>.yaml.
// Exit: 0 imported (or dry run); 1 refused (the stack already declares a provider differently, without
// --merge) or failed; 64 usage error (a bad flag, or a stack that does not exist).
import { printOut } from "../../cli/command-output.ts";
import { runCommand } from "../../cli/run-command.ts";
import { parseImportArgs } from "./args.ts";
import { importAccount } from "./import-account.ts";
import { renderImport } from "./report.ts";

async function main(argv: string[]): Promise<number> {
  const { json, ...options } = parseImportArgs(argv);
  const report = await importAccount(options);
  printOut(json ? JSON.stringify(report, null, 2) : renderImport(report));
  return report.refusals.length > 0 ? 1 : 0;
}

if (import.meta.main) runCommand(main);
