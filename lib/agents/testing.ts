import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Test helpers: real git repositories in a temporary allowed root. */

/** Runs git in `dir` as a fixed author; returns its output. */
export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Dev", "-c", "user.email=dev@example.test", "-c", "init.defaultBranch=main", ...args], { cwd: dir, encoding: "utf8" });
}

/** A temporary folder to use as TANDEM_REPO_ROOTS. */
export function tempRepoRoot(prefix = "tandem-repos-"): string {
  return realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** A repository `name` under `root` holding `files`, committed once on main. */
export function createRepo(root: string, name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  gitIn(dir, "init", "-q");
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-qm", "initial");
  return dir;
}
