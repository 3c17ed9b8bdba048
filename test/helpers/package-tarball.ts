/**
 * Packs the library the way it is published (`npm pack`, whose `prepack` cleans and rebuilds dist/), from a
 * copy of providers/ in a temp folder: the worktree's own dist/ stays untouched while other tests load it,
 * and the copy's version can be bumped to make an upgrade.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../../infra/project-root.ts";

export interface PackedLibrary {
  /** Absolute path of the .tgz. */
  tarball: string;
  name: string;
  version: string;
  /** Paths inside the tarball, e.g. "dist/index.js". */
  files: string[];
}

export interface LibraryPacker {
  /** Packs the library with its package.json version replaced by `version` when given. */
  pack(version?: string): Promise<PackedLibrary>;
  remove(): Promise<void>;
}

const COPIED = [
  "src",
  "package.json",
  "tsconfig.build.json",
  "tsconfig.cjs.json",
  "README.md",
  "CHANGELOG.md",
  "LICENSE",
];

interface NpmPackEntry {
  filename: string;
  name: string;
  version: string;
  files: { path: string }[];
}

/** `1.2.3` → `1.2.4`: the next patch release, which `npm install <tarball>` must take over an existing 1.2.3. */
export function nextPatch(version: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (match === null) throw new Error(`nextPatch expects a plain x.y.z version, got "${version}"`);
  return `${match[1]}.${match[2]}.${Number(match[3]) + 1}`;
}

/**
 * The copy mirrors the repo's layout (`<tmp>/tsconfig.json`, `<tmp>/providers/`, `<tmp>/node_modules` →
 * the repo's), so `tsconfig.build.json` extends the same settings and `tsc` finds the same dependencies.
 */
export async function createLibraryPacker(): Promise<LibraryPacker> {
  const root = projectRoot();
  const dir = await mkdtemp(path.join(os.tmpdir(), "qard-iac-pack-"));
  const copy = path.join(dir, "providers");
  await mkdir(copy);
  for (const entry of COPIED)
    await cp(path.join(root, "providers", entry), path.join(copy, entry), { recursive: true });
  await cp(path.join(root, "tsconfig.json"), path.join(dir, "tsconfig.json"));
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  const out = path.join(dir, "tarballs");
  await mkdir(out);

  return {
    async pack(version) {
      const manifestPath = path.join(copy, "package.json");
      const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Record<string, unknown>;
      if (version !== undefined) {
        await writeFile(manifestPath, `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
      }
      const stdout = await runNpm(["pack", "--json", "--pack-destination", out], copy);
      const [entry] = JSON.parse(stdout) as NpmPackEntry[];
      if (entry === undefined) throw new Error(`npm pack printed no package: ${stdout}`);
      return {
        tarball: path.join(out, entry.filename),
        name: entry.name,
        version: entry.version,
        files: entry.files.map((file) => file.path).sort(),
      };
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Runs npm (the one on PATH, with the Node first on PATH) and returns its stdout; throws with its output. */
export function runNpm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`npm ${args.join(" ")} (in ${cwd}) exited ${code}:\n${stdout}\n${stderr}`));
    });
  });
}
