import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Gives every process this one starts from now on a Node.js compile cache of its own in the temporary
 * folder; the function returned removes it. Why: Node never prunes its compile cache, and many of the
 * suite's processes load files from folders made for one test (act's job workspaces, packed projects): a
 * run writes about 22,500 entries (330 MB), most of them for such folders, which nothing reads again. The
 * shared cache of scripts/with-tools.sh had grown to 389,000 files (5.8 GB) here. The cache still serves
 * the whole run: its first process to load a module writes the entry, the rest read it. A caller that
 * turned the cache off (NODE_DISABLE_COMPILE_CACHE) keeps it off.
 */
export function useOwnCompileCache(): () => void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return () => {};
  const cache = mkdtempSync(path.join(tmpdir(), "qard-compile-cache-"));
  process.env.NODE_COMPILE_CACHE = cache;
  return () => rmSync(cache, { recursive: true, force: true });
}
