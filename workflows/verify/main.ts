// npm run verify -- --stack <name> --user <id> [options]; see VERIFY_USAGE in args.ts, or `--help`.
// Exit: 0 every data type synchronized; 1 otherwise; 64 usage error (a bad flag, or a stack that does not exist).
import { printErr, printOut } from "../../cli/command-output.ts";
import { runCommand } from "../../cli/run-command.ts";
import { runVerifyCli } from "./run-verify-cli.ts";

async function main(argv: string[]): Promise<number> {
  return runVerifyCli({
    argv,
    env: process.env,
    out: printOut,
    err: printErr,
  });
}

if (import.meta.main) runCommand(main);
