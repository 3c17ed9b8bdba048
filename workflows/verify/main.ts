/** Entry point of `npm run verify`; see run-verify-cli.ts and `--help`. */
import { runVerifyCli } from "./run-verify-cli.ts";

process.exitCode = await runVerifyCli({
  argv: process.argv.slice(2),
  env: process.env,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
