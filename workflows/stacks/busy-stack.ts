import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Deployment, Stack, Workspace } from "@pulumi/pulumi/automation/index.js";
import { sameJson } from "@qard-iac/pulumi-qard/internal";
import { exportStoredState } from "./stored-state.ts";

/**
 * Drift reads Qard and compares with the state: while another operation writes both, what it reads is
 * that operation's own half-done work, not drift. A preview takes no lock in Pulumi, so drift checks for
 * one itself (the lock files a DIY backend writes), for operations the state records as in flight, and
 * that the state did not change while it read. Any of them makes the answer "busy", never a finding.
 */
export class StackBusyError extends Error {
  constructor(stackName: string, why: string) {
    super(
      `Stack ${stackName} is busy: ${why}. Drift reports nothing while another operation writes it: run it again when that ends.`,
    );
    this.name = "StackBusyError";
  }
}

/** The operations the state records as begun and not finished (an update running, or interrupted). */
export function pendingOperations(deployment: Deployment): string[] {
  const pending = (deployment.deployment as { pending_operations?: unknown } | undefined)?.pending_operations;
  if (!Array.isArray(pending)) return [];
  return pending.map((op: { type?: unknown; resource?: { urn?: unknown } }) => {
    const urn = String(op.resource?.urn ?? "");
    return `${String(op.type ?? "operation")} ${urn.slice(urn.lastIndexOf("::") + 2)}`;
  });
}

interface LockContent {
  username?: string;
  hostname?: string;
  pid?: number;
  timestamp?: string;
}

/**
 * The lock files of a `file://` DIY backend for this stack (`.pulumi/locks/<org>/<project>/<stack>/`,
 * or `.pulumi/locks/<stack>/` for a backend without projects). Other backends: none can be listed here.
 */
export async function lockHolders(
  backendUrl: string | undefined,
  project: string,
  stack: string,
): Promise<string[]> {
  if (backendUrl === undefined || !backendUrl.startsWith("file://")) return [];
  const root = fileURLToPath(backendUrl);
  const name = stack.slice(stack.lastIndexOf("/") + 1);
  const dirs = [
    path.join(root, ".pulumi", "locks", "organization", project, name),
    path.join(root, ".pulumi", "locks", name),
  ];
  const holders: string[] = [];
  for (const dir of dirs) {
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith(".json"))) {
      const content = await readFile(path.join(dir, file), "utf8").catch(() => "{}");
      let lock: LockContent = {};
      try {
        lock = JSON.parse(content) as LockContent;
      } catch {
        // an unreadable lock is still a lock
      }
      holders.push(
        `${lock.username ?? "?"}@${lock.hostname ?? "?"} (pid ${lock.pid ?? "?"}) since ${lock.timestamp ?? "?"}`,
      );
    }
  }
  return holders;
}

/** Why the stack is busy now, or undefined: its lock, then the operations its state records in flight. */
export function busyReason(locks: readonly string[], pending: readonly string[]): string | undefined {
  if (locks.length > 0) return `another operation holds its lock (${locks.join("; ")})`;
  if (pending.length > 0) {
    return (
      `its state records operations in flight (${pending.join(", ")}): an update is running, or was ` +
      `interrupted (then \`pulumi refresh\` resolves them)`
    );
  }
  return undefined;
}

// The backend does not change under a workspace: drift's checks before and after its read ask once.
const backendUrls = new WeakMap<Workspace, Promise<string | undefined>>();

function backendUrlOf(workspace: Workspace): Promise<string | undefined> {
  let url = backendUrls.get(workspace);
  if (url === undefined) {
    url = workspace.whoAmI().then((who) => who.url);
    backendUrls.set(workspace, url);
  }
  return url;
}

/** Throws a StackBusyError when another operation holds the stack's lock or `state` records one in flight. */
export async function refuseBusyState(stack: Stack, project: string, state: Deployment): Promise<void> {
  const url = await backendUrlOf(stack.workspace);
  const why = busyReason(await lockHolders(url, project, stack.name), pendingOperations(state));
  if (why !== undefined) throw new StackBusyError(stack.name, why);
}

/** The state now (as stored); throws a StackBusyError when another operation is writing the stack. */
export async function refuseBusyStack(stack: Stack, project: string): Promise<Deployment> {
  const deployment = await exportStoredState(stack.workspace, stack.name);
  await refuseBusyState(stack, project, deployment);
  return deployment;
}

/** After the read: the state must be the one drift started from, and still free. */
export async function refuseChangedStack(stack: Stack, project: string, before: Deployment): Promise<void> {
  const after = await refuseBusyStack(stack, project);
  if (!sameJson(before.deployment, after.deployment)) {
    throw new StackBusyError(
      stack.name,
      "its state changed while drift read Qard (another operation updated it)",
    );
  }
}
