/**
 * `npm run verify` as a function: arguments in, lines out, an exit code back. The process edges (argv,
 * stdout, the Pulumi CLI) are options, so tests run it in-process against an emulator.
 */
import { createRedactor, QardClient, type QardClientOptions } from "@qard-iac/pulumi-qard/qard";
import { EXIT_FAILED, reportCommandError } from "../../cli/run-command.ts";
import { isUsageError } from "../../cli/usage-error.ts";
import { parseVerifyArgs, VERIFY_USAGE, type VerifyArgs } from "./args.ts";
import { formatEvent, formatReport, type VerifySummary } from "./format.ts";
import { readStackConnection, type Connection } from "../stacks/stack-connection.ts";
import { VerifyError } from "./verify-error.ts";
import { verifyIntegration } from "./verify-integration.ts";
import { messageOf } from "@qard-iac/pulumi-qard/internal";

const EXIT_OK = 0;

// Frequent enough to follow a sync closely, rare enough not to load Qard during a long authorization.
const DEFAULT_POLL_INTERVAL_MS = 2000;

export interface VerifyCliOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** The result: the summary lines, or the --json document (stdout). */
  out: (text: string) => void;
  /** Errors, and progress in --json mode (stderr). */
  err: (text: string) => void;
  /** Default: the stack's config read through the Pulumi CLI. */
  readConnection?: (stackName: string, env: NodeJS.ProcessEnv, account?: string) => Promise<Connection>;
  /** Default 2000 ms. */
  pollIntervalMs?: number;
  /** Extra client options (timeouts, retry); the connection comes from the stack. */
  client?: Omit<QardClientOptions, "baseUrl" | "apiKey">;
}

/**
 * Runs verify and returns the process exit code: 0 every type synchronized, 1 otherwise, 64 usage error
 * (a bad flag, or a stack that does not exist).
 */
export async function runVerifyCli(options: VerifyCliOptions): Promise<number> {
  let args: VerifyArgs;
  try {
    const command = parseVerifyArgs(options.argv);
    if (command.kind === "help") {
      options.out(VERIFY_USAGE);
      return EXIT_OK;
    }
    args = command.args;
  } catch (error) {
    if (!isUsageError(error)) throw error;
    return reportCommandError(error, options.err);
  }

  // Until the key is known there is nothing to scrub; afterwards every message passes through it.
  let redact = (text: string): string => text;
  const fail = (reason: string, error: unknown): number => {
    const message = redact(messageOf(error));
    if (args.json) {
      const summary: VerifySummary = {
        ok: false,
        userId: args.userId,
        providerName: args.providerName,
        error: { reason, message },
      };
      options.out(JSON.stringify(summary));
    }
    options.err(`error: ${message}`);
    return EXIT_FAILED;
  };

  let connection: Connection;
  try {
    connection = await (options.readConnection ?? readStackConnection)(
      args.stackName,
      options.env,
      args.account,
    );
  } catch (error) {
    if (isUsageError(error)) return reportCommandError(error, options.err);
    const detail = messageOf(error);
    return fail(
      "stack-config",
      new Error(`cannot read the Qard connection of stack "${args.stackName}": ${detail}`),
    );
  }
  redact = createRedactor([connection.apiKey]);

  const progress = args.json ? options.err : options.out;
  try {
    const client = new QardClient({
      ...options.client,
      baseUrl: connection.baseUrl,
      apiKey: connection.apiKey,
    });
    const report = await verifyIntegration(client, {
      userId: args.userId,
      providerName: args.providerName,
      ...(args.connectionId === undefined ? {} : { connectionId: args.connectionId }),
      timeoutMs: args.timeoutMs,
      pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      onProgress: (event) => progress(redact(formatEvent(event))),
    });
    options.out(redact(args.json ? JSON.stringify(report satisfies VerifySummary) : formatReport(report)));
    return report.ok ? EXIT_OK : EXIT_FAILED;
  } catch (error) {
    // Whatever went wrong is reported through `fail`, so that even an unexpected message is redacted.
    return fail(error instanceof VerifyError ? error.reason : errorName(error), error);
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "Error";
}
