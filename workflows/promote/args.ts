import { parseCommandLine, usageError } from "../command-line.ts";

export interface PromoteArgs {
  from: string;
  to: string;
  apply: boolean;
  format: "text" | "json" | "markdown";
}

const PROMOTE_USAGE =
  "Usage: npm run promote -- --from <stack> --to <stack> [--apply] [--json | --markdown] [--no-policy | --policy-config <file>]";

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
        markdown: { type: "boolean" },
      },
    },
    PROMOTE_USAGE,
  );
  if (!values.from || !values.to) throw usageError("--from and --to are required", PROMOTE_USAGE);
  if (values.from === values.to) throw usageError("--from and --to name the same stack", PROMOTE_USAGE);
  if (values.json && values.markdown)
    throw usageError("--json and --markdown exclude each other", PROMOTE_USAGE);
  return {
    from: values.from,
    to: values.to,
    apply: values.apply ?? false,
    format: values.json ? "json" : values.markdown ? "markdown" : "text",
  };
}
