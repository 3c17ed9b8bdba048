import { identifierProblem, quoteRefused } from "@qard-iac/pulumi-qard/internal";
import { parseFlags, usageError } from "../../cli/command-line.ts";
import { outputFormat, type OutputFormat } from "../../cli/output-format.ts";

export interface PromoteArgs {
  from: string;
  to: string;
  apply: boolean;
  /** `--map <source account>=<target account>`, repeated: which account of --to receives which of --from. */
  map: Record<string, string>;
  format: OutputFormat;
}

const PROMOTE_USAGE =
  "Usage: npm run promote -- --from <stack> --to <stack> [--map <account>=<account>]... [--apply] [--json | --markdown] [--no-policy | --policy-config <file>]";

export function parsePromoteArgs(argv: string[]): PromoteArgs {
  const { values, refuse } = parseFlags(
    argv,
    {
      from: { type: "string" },
      to: { type: "string" },
      apply: { type: "boolean" },
      map: { type: "string", multiple: true },
      json: { type: "boolean" },
      markdown: { type: "boolean" },
    },
    PROMOTE_USAGE,
  );
  if (!values.from || !values.to) throw refuse("--from and --to are required");
  if (values.from === values.to) throw refuse("--from and --to name the same stack");
  const format = outputFormat(values, refuse);
  return {
    from: values.from,
    to: values.to,
    apply: values.apply ?? false,
    map: parseAccountMap(values.map ?? []),
    format,
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
