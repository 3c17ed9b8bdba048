import { identifierProblem, quoteRefused } from "@qard-iac/pulumi-qard/internal";
import { parseCommandLine, usageError } from "../command-line.ts";

export interface PromoteArgs {
  from: string;
  to: string;
  apply: boolean;
  /** `--map <source account>=<target account>`, repeated: which account of --to receives which of --from. */
  map: Record<string, string>;
  format: "text" | "json" | "markdown";
}

const PROMOTE_USAGE =
  "Usage: npm run promote -- --from <stack> --to <stack> [--map <account>=<account>]... [--apply] [--json | --markdown] [--no-policy | --policy-config <file>]";

export function parsePromoteArgs(argv: string[]): PromoteArgs {
  const { values } = parseCommandLine(
    {
      args: argv,
      strict: true,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        apply: { type: "boolean" },
        map: { type: "string", multiple: true },
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
    map: parseAccountMap(values.map ?? []),
    format: values.json ? "json" : values.markdown ? "markdown" : "text",
  };
}

/** `--map a=b` flags as one map; each side an account name under the identifier rule, each source once. */
export function parseAccountMap(flags: readonly string[]): Record<string, string> {
  // Prototype keys are refused by the identifier rule, and lookups use Object.hasOwn.
  const map: Record<string, string> = {};
  for (const flag of flags) {
    const [from, to, ...rest] = flag.split("=");
    if (from === undefined || to === undefined || rest.length > 0) {
      throw usageError(
        `--map ${quoteRefused(flag)}: expected <account of --from>=<account of --to>`,
        PROMOTE_USAGE,
      );
    }
    for (const [side, name] of [
      ["source", from],
      ["target", to],
    ] as const) {
      // The one identifier rule, prototype keys (`__proto__`, `constructor`…) included.
      const problem = identifierProblem(name);
      if (problem !== undefined)
        throw usageError(`--map ${quoteRefused(flag)}: the ${side} account ${problem}`, PROMOTE_USAGE);
    }
    if (Object.hasOwn(map, from))
      throw usageError(`--map maps account "${from}" twice: give one target for it`, PROMOTE_USAGE);
    map[from] = to;
  }
  return map;
}
