import { parseCommandLine } from "../command-line.ts";

export interface PromoteArgs {
  from: string;
  to: string;
  apply: boolean;
  json: boolean;
}

/** The flags `npm run promote` accepts (the CI examples are checked against this list). */
export const PROMOTE_FLAGS = ["--from", "--to", "--apply", "--json"] as const;

export const PROMOTE_USAGE = "Usage: npm run promote -- --from <stack> --to <stack> [--apply] [--json]";

export function parsePromoteArgs(argv: string[]): PromoteArgs {
  const { values } = parseCommandLine(
    {
      args: argv,
      strict: true,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        apply: { type: "boolean" },
        json: { type: "boolean" },
      },
    },
    PROMOTE_USAGE,
  );
  if (!values.from || !values.to) throw new Error(`--from and --to are required\n${PROMOTE_USAGE}`);
  if (values.from === values.to) throw new Error(`--from and --to name the same stack\n${PROMOTE_USAGE}`);
  return { from: values.from, to: values.to, apply: values.apply ?? false, json: values.json ?? false };
}
