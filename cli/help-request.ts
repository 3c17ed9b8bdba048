/**
 * `--help` or `-h` on a command's line: not an error, but it ends the command like one, before anything runs.
 * runCommand prints the usage on stdout and exits 0.
 */
export class HelpRequest extends Error {
  readonly usage: string;
  constructor(usage: string) {
    super(usage);
    this.name = "HelpRequest";
    this.usage = usage;
  }
}

/** Whether `args` ask for help: `--help` or `-h` before a `--` terminator. */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}
