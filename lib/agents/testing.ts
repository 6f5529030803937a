import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { AppError } from "@/lib/errors";

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

/** A temporary allowed root for the suite (TANDEM_REPO_ROOTS), removed afterwards; call at the top of a test file. */
export function useTempRepoRoot(): () => string {
  let root = "";
  const before = process.env.TANDEM_REPO_ROOTS;
  beforeAll(() => {
    root = tempRepoRoot();
    process.env.TANDEM_REPO_ROOTS = root;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.TANDEM_REPO_ROOTS;
    else process.env.TANDEM_REPO_ROOTS = before;
    rmSync(root, { recursive: true, force: true });
  });
  return () => root;
}

/** The domain error a promise is refused with (failing the test when it resolves or throws something else). */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}
