// Runs in a worker thread so that reading /proc never stalls the main thread, which serves the inline
// program to the engine while an operation is measured.
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { parentPort, workerData } from "node:worker_threads";

export interface TreeRssRequest {
  type: "start" | "stop";
}

export interface TreeRssPeak {
  /** Largest sum of VmRSS over the descendants, in KiB. */
  peakKb: number;
  /** Per program (e.g. "pulumi up", "node dynamic-provider"), the largest sum of its processes' VmRSS. */
  peakKbByName: Record<string, number>;
  samples: number;
}

interface Member {
  label: string;
  rssKb: number;
}

const { rootPid, intervalMs } = workerData as { rootPid: number; intervalMs: number };

function read(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    // The process ended between the directory listing and the read.
    return undefined;
  }
}

/** Parent of every live process; /proc/<pid>/stat is the cheapest place to read it. */
function parents(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (stat === undefined) continue;
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const siblings = children.get(ppid) ?? [];
    siblings.push(Number(entry));
    children.set(ppid, siblings);
  }
  return children;
}

function descendants(): Member[] {
  const children = parents();
  const found: Member[] = [];
  const queue: { pid: number; parentCommand: string }[] = (children.get(rootPid) ?? []).map((pid) => ({
    pid,
    parentCommand: read(`/proc/${rootPid}/cmdline`) ?? "",
  }));
  // The pid graph is a tree, but it is read over a few milliseconds: bound the walk anyway.
  while (queue.length > 0 && found.length < 1_000) {
    const { pid, parentCommand } = queue.shift() as { pid: number; parentCommand: string };
    const command = read(`/proc/${pid}/cmdline`);
    const status = read(`/proc/${pid}/status`);
    if (command === undefined || status === undefined) continue;
    // A child forked but not yet exec'd is a copy of its parent sharing all its pages: counting it
    // would count the parent twice.
    if (command !== parentCommand) {
      // Kernel threads and zombies have no VmRSS: they hold no user memory.
      const rssKb = Number.parseInt(/^VmRSS:\s*(\d+)/m.exec(status)?.[1] ?? "0", 10);
      found.push({ label: labelOf(command), rssKb });
    }
    for (const child of children.get(pid) ?? []) queue.push({ pid: child, parentCommand: command });
  }
  return found;
}

/** The program and what it runs, e.g. "node dynamic-provider": thread names (Node's "MainThread") say less. */
function labelOf(command: string): string {
  const argv = command.split("\0").filter(Boolean);
  const program = basename(argv[0] ?? "?");
  if (argv[1] === "-e") return `${program} -e`;
  const subject = argv.slice(1).find((arg) => !arg.startsWith("-"));
  if (subject === undefined) return program;
  if (program === "pulumi") return `pulumi ${subject}`;
  if (program === "node" || program === "sh" || program === "bash")
    return `${program} ${scriptName(subject)}`;
  return program;
}

// ".../cmd/dynamic-provider/index.js" is better known by its folder.
function scriptName(file: string): string {
  const name = basename(file).replace(/\.(js|ts)$/, "");
  return name === "index" ? basename(dirname(file)) : name;
}

let timer: NodeJS.Timeout | undefined;
let peak: TreeRssPeak = { peakKb: 0, peakKbByName: {}, samples: 0 };

function sample(): void {
  const tree = descendants();
  peak.peakKb = Math.max(
    peak.peakKb,
    tree.reduce((sum, member) => sum + member.rssKb, 0),
  );
  const byLabel = new Map<string, number>();
  for (const member of tree) byLabel.set(member.label, (byLabel.get(member.label) ?? 0) + member.rssKb);
  for (const [label, kb] of byLabel) peak.peakKbByName[label] = Math.max(peak.peakKbByName[label] ?? 0, kb);
  peak.samples += 1;
}

parentPort?.on("message", (request: TreeRssRequest) => {
  if (request.type === "start") {
    peak = { peakKb: 0, peakKbByName: {}, samples: 0 };
    sample();
    timer = setInterval(sample, intervalMs);
  } else {
    clearInterval(timer);
    timer = undefined;
    parentPort?.postMessage(peak);
  }
});
