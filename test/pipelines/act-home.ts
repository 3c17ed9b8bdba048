import { mkdtempSync, readFileSync, statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Room act's folder needs: two jobs' workspaces at once (each with a node_modules of about 350 MB), caches, artifacts. */
const NEEDED_BYTES = 4 * 1024 ** 3;
const MEMORY_FOLDER = "/dev/shm";

/**
 * A new folder for act's workspaces, cache server, artifacts and tool cache: in memory where the machine
 * has room for it, else in the temporary folder.
 *
 * Why: act deletes each job's workspace when the job ends (a node_modules of 28,000 files) and the next job
 * restores as many from the Actions cache. On ext4, each inode created right after so many were deleted
 * makes the allocator step over every recently deleted one (`recently_deleted`, in the kernel profile of
 * the restore's `tar`): a restore took 9 to 24 s of kernel time instead of 1.5 s, 270 s of the 490 s the
 * workflow runs took. Where act keeps its scratch files changes nothing the workflows do.
 */
export function createActHome(): string {
  return mkdtempSync(path.join(memoryFolderWithRoom() ?? tmpdir(), "qard-act-"));
}

function memoryFolderWithRoom(): string | undefined {
  try {
    // The tool cache holds the Node.js the jobs run: a folder mounted noexec cannot hold it.
    const mount = readFileSync("/proc/mounts", "utf8")
      .split("\n")
      .map((line) => line.split(" "))
      .find((fields) => fields[1] === MEMORY_FOLDER);
    if (mount?.[2] !== "tmpfs" || mount[3]?.split(",").includes("noexec")) return undefined;
    const { bavail, bsize } = statfsSync(MEMORY_FOLDER);
    return bavail * bsize >= NEEDED_BYTES ? MEMORY_FOLDER : undefined;
  } catch {
    return undefined; // no /proc or no /dev/shm (macOS, for one)
  }
}
