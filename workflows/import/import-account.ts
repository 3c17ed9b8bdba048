import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { conflictingEntriesReason, providerEntries, messageOf } from "@qard-iac/pulumi-qard/internal";
import { createRedactor, QardClient, type QardProvider } from "@qard-iac/pulumi-qard/qard";
import {
  providersPath,
  readStackProviders,
  stackFilePath,
  writePromotedProviders,
  type RawProviders,
} from "../stacks/stack-file.ts";
import { isUsageError } from "../../cli/usage-error.ts";
import { readStackConnection } from "../stacks/stack-connection.ts";
import { IMPORTED_KEYS, planImport, type ImportPlan, type ImportPlanOptions } from "./plan-import.ts";

export interface ImportAccountOptions extends ImportPlanOptions {
  dryRun: boolean;
  /** Backend, passphrase, QARD_API_KEY, AWS... as for the other commands; default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface ImportReport extends Omit<ImportPlan, "writes"> {
  stack: string;
  file: string;
  dryRun: boolean;
  fileWritten: boolean;
  /** Every Qard call the first `up` makes for the imported providers, in order. */
  firstUpCalls: string[];
  /** The stack file as it is (or, with dryRun, would be) after the import. */
  yaml: string;
}

/**
 * Reads the account (one provider list, GETs only: nothing is ever written to Qard) and declares its
 * providers in Pulumi.<stack>.yaml. The stack must exist: its config gives the API URL and key.
 */
export async function importAccount(options: ImportAccountOptions): Promise<ImportReport> {
  const env = options.env ?? process.env;
  const connection = await readStackConnection(options.stack, env, options.account).catch(
    (error: unknown) => {
      if (isUsageError(error)) throw error;
      throw new Error(`cannot read the Qard connection of stack "${options.stack}": ${messageOf(error)}`, {
        cause: error,
      });
    },
  );
  const redact = createRedactor([connection.apiKey]);
  let live: QardProvider[];
  try {
    const client = new QardClient({ baseUrl: connection.baseUrl, apiKey: connection.apiKey });
    live = await client.listProviders();
  } catch (error) {
    // The client's errors are redacted already; the key is scrubbed again in case of anything else.
    throw new Error(`cannot list the providers of ${connection.baseUrl}: ${redact(messageOf(error))}`, {
      cause: error,
    });
  }
  // Importing one of two entries that disagree would write a guess into the stack file.
  const { conflicting } = providerEntries(live);
  if (conflicting.size > 0) {
    throw new Error([...conflicting].map(conflictingEntriesReason).join("; "));
  }

  const file = stackFilePath(options.stack);
  const current = await readFile(file, "utf8").catch(orEmptyWhenMissing);
  const at = providersPath(options.account);
  const declared = current === "" ? {} : await readStackProviders(options.stack, undefined, at);
  const plan = planImport(live, declared, options);
  const { writes, ...rest } = plan;
  const report: ImportReport = {
    ...rest,
    stack: options.stack,
    file: path.basename(file),
    dryRun: options.dryRun,
    fileWritten: false,
    firstUpCalls: plan.imported.flatMap((p) => p.firstUp.map((w) => w.call)),
    yaml: current,
  };
  if (plan.refusals.length > 0) return report;
  if (options.dryRun) {
    report.yaml = await renderedStackFile(options.stack, current, writes, at);
    return report;
  }
  if (current === "") await writeFile(file, "", { flag: "a" });
  report.fileWritten = await writePromotedProviders(options.stack, writes, IMPORTED_KEYS, undefined, at);
  report.yaml = await readFile(file, "utf8");
  return report;
}

/**
 * The stack file after the import, without touching it: the same in-place edit as the real write (so a
 * dry run shows exactly what would be written), applied to a copy in a temporary folder.
 */
async function renderedStackFile(
  stack: string,
  current: string,
  writes: RawProviders,
  at: readonly string[],
): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "qard-import-"));
  try {
    const copy = stackFilePath(stack, dir);
    if (current === "") await writeFile(copy, "");
    else await copyFile(stackFilePath(stack), copy);
    await writePromotedProviders(stack, writes, IMPORTED_KEYS, dir, at);
    return await readFile(copy, "utf8");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function orEmptyWhenMissing(error: NodeJS.ErrnoException): string {
  // A stack can exist in the backend without a stack file (no config yet); the import then creates it.
  if (error.code === "ENOENT") return "";
  throw error;
}
