import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GitError, currentBranch, diff, git, headCommit, isDirty, listFiles, numstat, parseDiff, statusEntries, tryGit, unquoteGitPath } from "./git";

const tmp = mkdtempSync(path.join(os.tmpdir(), "tandem-git-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function repo(files: Record<string, string> = {}): string {
  const dir = path.join(tmp, `r${n++}`);
  mkdirSync(dir);
  const run = (...args: string[]) => execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@x", ...args], { cwd: dir });
  run("init", "-q", "-b", "main");
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  if (Object.keys(files).length) {
    run("add", "-A");
    run("commit", "-q", "-m", "init");
  }
  return dir;
}

const write = (dir: string, name: string, content: string) => writeFileSync(path.join(dir, name), content);

describe("git", () => {
  it("returns stdout, passes stdin, and reports git's first stderr line", async () => {
    const dir = repo();
    expect((await git(dir, ["hash-object", "--stdin"], { input: "hello\n" })).trim()).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    const err = await git(dir, ["rev-parse", "--verify", "nope"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).message).toBe("git rev-parse failed: fatal: Needed a single revision");
    expect(await tryGit(dir, ["rev-parse", "--verify", "-q", "nope"])).toBeNull();
  });

  it("knows HEAD and the branch, and says null where there is none", async () => {
    const empty = repo();
    expect(await headCommit(empty)).toBeNull();
    const dir = repo({ "a.txt": "a\n" });
    const head = await headCommit(dir);
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    expect(await currentBranch(dir)).toBe("main");
    await git(dir, ["checkout", "-q", "--detach"]);
    expect(await currentBranch(dir)).toBeNull();
  });

  it("counts untracked files as dirty, but not ignored ones", async () => {
    const dir = repo({ "a.txt": "a\n", ".gitignore": "*.log\n" });
    expect(await isDirty(dir)).toBe(false);
    write(dir, "debug.log", "x");
    expect(await isDirty(dir)).toBe(false);
    write(dir, "new.txt", "x");
    expect(await isDirty(dir)).toBe(true);
    expect(await statusEntries(dir)).toEqual([{ code: "??", path: "new.txt" }]);
  });

  it("lists tracked and untracked files with their current sizes, without ignored or deleted ones", async () => {
    const dir = repo({ "a.txt": "aaa\n", "src/b.ts": "b\n", "gone.txt": "g\n", ".gitignore": "*.log\n" });
    write(dir, "a.txt", "longer now\n");
    write(dir, "new file.txt", "12345");
    write(dir, "x.log", "ignored");
    unlinkSync(path.join(dir, "gone.txt"));
    expect(await listFiles(dir)).toEqual([
      { path: ".gitignore", size: 6 },
      { path: "a.txt", size: 11 },
      { path: "new file.txt", size: 5 },
      { path: "src/b.ts", size: 2 },
    ]);
  });
});

describe("diff and numstat", () => {
  it("agree on every kind of change, odd names included", async () => {
    const dir = repo({
      "mod.ts": "one\ntwo\nthree\n",
      "del.ts": "x\ny\n",
      "old name.ts": "a\nb\nc\nd\ne\nf\ng\nh\n",
      "tab\there.ts": "t\n",
      "über.ts": "u\n",
    });
    write(dir, "mod.ts", "one\n--- not a header\nthree\nfour\n");
    unlinkSync(path.join(dir, "del.ts"));
    renameSync(path.join(dir, "old name.ts"), path.join(dir, "new name.ts"));
    write(dir, "new name.ts", "a\nb\nc\nd\ne\nf\ng\nh\ni\n");
    write(dir, "tab\there.ts", "t\nu\n");
    write(dir, "über.ts", "v\n");
    write(dir, "added.ts", "new\n");
    // Renames and additions only show against HEAD once git knows the new names.
    await git(dir, ["add", "-A"]);
    const text = await diff(dir, "HEAD");
    const files = parseDiff(text).map((s) => s.file);
    expect(files).toEqual([
      { path: "added.ts", status: "added", additions: 1, deletions: 0 },
      { path: "del.ts", status: "deleted", additions: 0, deletions: 2 },
      { path: "mod.ts", status: "modified", additions: 2, deletions: 1 },
      { path: "new name.ts", oldPath: "old name.ts", status: "renamed", additions: 1, deletions: 0 },
      { path: "tab\there.ts", status: "modified", additions: 1, deletions: 0 },
      { path: "über.ts", status: "modified", additions: 1, deletions: 1 },
    ]);
    const stats = await numstat(dir, "HEAD");
    expect(stats.map(({ binary: _, ...s }) => s)).toEqual(files.map(({ status: _, ...f }) => f));
    expect(parseDiff(text).map((s) => s.text).join("")).toBe(text);
  });

  it("marks binary files in numstat", async () => {
    const dir = repo({ "img.bin": "\0\x01\x02" });
    writeFileSync(path.join(dir, "img.bin"), Buffer.from([0, 1, 2, 3]));
    expect(await numstat(dir, "HEAD")).toEqual([{ path: "img.bin", additions: 0, deletions: 0, binary: true }]);
    expect(parseDiff(await diff(dir, "HEAD"))[0]!.file).toEqual({ path: "img.bin", status: "modified", additions: 0, deletions: 0 });
  });

  it("parses names with spaces in an unquoted header", () => {
    const [section] = parseDiff("diff --git a/my file b/my file\nold mode 100644\nnew mode 100755\n");
    expect(section!.file.path).toBe("my file");
  });
});

describe("unquoteGitPath", () => {
  it("undoes C quoting, octal UTF-8 bytes included", () => {
    expect(unquoteGitPath('"a\\tb\\"c\\\\d"')).toBe('a\tb"c\\d');
    expect(unquoteGitPath('"\\303\\274ber"')).toBe("über");
    expect(unquoteGitPath("plain")).toBe("plain");
  });
});
