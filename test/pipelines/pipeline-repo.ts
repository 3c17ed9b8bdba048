/**
 * A repository the workflow tests push to: a copy of this repository's tracked files (as they are in the
 * working tree) in a fresh git repository on `main`, with `origin` naming a GitHub repository. Steps run
 * `npm ci` and write files, so the runs never touch the checkout the tests come from.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { projectRoot } from "../../infra/project-root.ts";

export const PIPELINE_REPOSITORY = "acme/qard-iac";

export interface PipelineRepo {
  dir: string;
  git(...args: string[]): string;
  read(file: string): string;
  write(file: string, text: string): void;
  /** Commits every change on the current branch; returns the commit. */
  commit(message: string): string;
  head(): string;
}

export function createPipelineRepo(): PipelineRepo {
  const dir = mkdtempSync(path.join(tmpdir(), "qard-pipeline-"));
  const source = projectRoot();
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: source,
    encoding: "utf8",
  })
    .split("\0")
    .filter((file) => file !== "" && existsSync(path.join(source, file)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(path.join(source, file), path.join(dir, file));
  }
  const git = (...args: string[]): string =>
    execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Dev",
        GIT_AUTHOR_EMAIL: "dev@example.invalid",
        GIT_COMMITTER_NAME: "Dev",
        GIT_COMMITTER_EMAIL: "dev@example.invalid",
      },
    }).trim();
  git("init", "-q", "-b", "main");
  git("remote", "add", "origin", `https://github.com/${PIPELINE_REPOSITORY}.git`);
  const repo: PipelineRepo = {
    dir,
    git,
    read: (file) => readFileSync(path.join(dir, file), "utf8"),
    write: (file, text) => writeFileSync(path.join(dir, file), text),
    commit: (message) => {
      git("add", "-A");
      git("commit", "-q", "--allow-empty", "-m", message);
      return repo.head();
    },
    head: () => git("rev-parse", "HEAD"),
  };
  return repo;
}
