import { execFileSync } from "node:child_process";
import { readdirSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import { useOwnCompileCache } from "./helpers/own-compile-cache.ts";
import { useOwnPulumiHome } from "./helpers/own-pulumi-home.ts";

// Tests that load the serialized provider run providers/dist (the runtime the stub requires has no source
// condition), so `npx vitest` alone must not test a stale build: the same rule as scripts/with-tools.sh.
const root = path.resolve(import.meta.dirname, "..");
const STAMP = path.join(root, "providers/dist/.tsbuildinfo");
const SOURCES = ["providers/src", "providers/package.json", "providers/tsconfig.build.json"].map((p) =>
  path.join(root, p),
);

/** A build is stale when it has no stamp, or when any source was modified after it. */
export function isBuildStale(stampTime: number | undefined, sourceTimes: Iterable<number>): boolean {
  if (stampTime === undefined) return true;
  for (const time of sourceTimes) if (time > stampTime) return true;
  return false;
}

/** Modification times of the files at or under `paths` (folders are walked; missing paths skipped). */
export function* modificationTimes(paths: readonly string[]): Generator<number> {
  for (const at of paths) {
    const stats = statSync(at, { throwIfNoEntry: false });
    if (stats === undefined) continue;
    yield stats.mtimeMs;
    if (stats.isDirectory()) {
      yield* modificationTimes(readdirSync(at).map((name) => path.join(at, name)));
    }
  }
}

export default function setUpSuite(): () => void {
  rebuildStaleProviders();
  // Set before vitest starts its workers: each inherits them, and every process they start.
  const removePulumiHome = useOwnPulumiHome();
  const removeCompileCache = useOwnCompileCache();
  return () => {
    removePulumiHome();
    // vitest closes its workers after this teardown, and each writes its compile cache as it exits.
    process.once("exit", removeCompileCache);
  };
}

function rebuildStaleProviders(): void {
  const stampTime = statSync(STAMP, { throwIfNoEntry: false })?.mtimeMs;
  if (!isBuildStale(stampTime, modificationTimes(SOURCES))) return;
  // node_modules/.bin/tsc is a link to this script; run it with this Node rather than whichever is on PATH.
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", path.join(root, "providers/tsconfig.build.json")], {
    stdio: "inherit",
  });
  const now = new Date();
  utimesSync(STAMP, now, now);
}
