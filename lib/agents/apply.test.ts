import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { applyPatch, patchPaths } from "./apply";
import { refusal } from "./testing";

// Lets a test make one git call (matched by the start of its arguments) fail, to see the repository restored after a late failure.
const fault = vi.hoisted(() => ({ on: null as string | null }));
vi.mock("./git", async (importOriginal) => {
  const real = await importOriginal<typeof import("./git")>();
  return {
    ...real,
    git: (repoRoot: string, args: string[], opts?: Parameters<typeof real.git>[2]) =>
      fault.on && args.join(" ").startsWith(fault.on) ? Promise.reject(new real.GitError(`git ${args[0]} failed: injected`, "fatal: injected failure\n", 128)) : real.git(repoRoot, args, opts),
  };
});
afterEach(() => {
  fault.on = null;
});

const tmp = mkdtempSync(path.join(os.tmpdir(), "tandem-apply-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sh = (dir: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=Dev", "-c", "user.email=dev@x", ...args], { cwd: dir, encoding: "utf8" });
const read = (dir: string, name: string) => readFileSync(path.join(dir, name), "utf8");
const write = (dir: string, name: string, content: string) => {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), content);
};

let n = 0;
function repo(): string {
  const dir = path.join(tmp, `r${n++}`);
  mkdirSync(dir);
  sh(dir, "init", "-q", "-b", "main");
  write(dir, "src/app.ts", "export const a = 1;\nexport const b = 2;\n");
  write(dir, "old.txt", "to be removed\n");
  sh(dir, "add", "-A");
  sh(dir, "commit", "-q", "-m", "init");
  return dir;
}

/** A patch made by git from a change, after which the repository is put back. */
function patchFor(dir: string, change: () => void): string {
  change();
  sh(dir, "add", "-A");
  const patch = sh(dir, "diff", "--cached");
  sh(dir, "reset", "-q", "--hard");
  return patch;
}

function snapshot(dir: string) {
  return {
    head: sh(dir, "rev-parse", "HEAD").trim(),
    branch: sh(dir, "rev-parse", "--abbrev-ref", "HEAD").trim(),
    branches: sh(dir, "for-each-ref", "--format=%(refname)", "refs/heads"),
    status: sh(dir, "status", "--porcelain"),
    app: read(dir, "src/app.ts"),
  };
}

describe("applyPatch", () => {
  it("commits the patch on a new branch, checked out, with the message and author given", async () => {
    const dir = repo();
    const base = sh(dir, "rev-parse", "HEAD").trim();
    const patch = patchFor(dir, () => write(dir, "src/app.ts", "export const a = 1;\nexport const b = 3;\n"));
    const result = await applyPatch(patch, dir, { branch: "agent/fix-b", message: "Fix b", author: { name: "Ada", email: "ada@example.com" } });
    expect(result).toEqual({ branch: "agent/fix-b", base, commit: sh(dir, "rev-parse", "HEAD").trim(), files: ["src/app.ts"] });
    expect(sh(dir, "rev-parse", "--abbrev-ref", "HEAD").trim()).toBe("agent/fix-b");
    expect(sh(dir, "log", "-1", "--format=%s|%an <%ae>|%cn <%ce>|%P", "agent/fix-b").trim()).toBe(`Fix b|Ada <ada@example.com>|Ada <ada@example.com>|${base}`);
    expect(sh(dir, "rev-parse", "main").trim()).toBe(base);
    expect(read(dir, "src/app.ts")).toContain("b = 3");
    expect(sh(dir, "status", "--porcelain")).toBe("");
  });

  it("names the branch and the author itself when not told", async () => {
    const dir = repo();
    const patch = patchFor(dir, () => write(dir, "src/app.ts", "changed\n"));
    const result = await applyPatch(patch, dir);
    expect(result.branch).toMatch(/^tandem\/agent-\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(sh(dir, "log", "-1", "--format=%s|%an <%ae>").trim()).toBe("Apply agent patch|Tandem Agent <agent@tandem.local>");
  });

  it("adds and deletes files", async () => {
    const dir = repo();
    const patch = patchFor(dir, () => {
      write(dir, "src/new/file.ts", "export const n = 1;\n");
      unlinkSync(path.join(dir, "old.txt"));
    });
    const result = await applyPatch(patch, dir, { branch: "add-delete" });
    expect(result.files).toEqual(["old.txt", "src/new/file.ts"]);
    expect(read(dir, "src/new/file.ts")).toBe("export const n = 1;\n");
    expect(existsSync(path.join(dir, "old.txt"))).toBe(false);
  });

  it("takes an engine's hunk with wrong line counts", async () => {
    const dir = repo();
    const patch = ["--- a/src/app.ts", "+++ b/src/app.ts", "@@ -1,9 +1,9 @@", " export const a = 1;", "-export const b = 2;", "+export const b = 4;", ""].join("\n");
    await applyPatch(patch, dir, { branch: "recount" });
    expect(read(dir, "src/app.ts")).toContain("b = 4");
  });

  it("does not take removed or added lines for file names", async () => {
    const dir = repo();
    write(dir, "db.sql", "select 1;\n-- /usr/bin\n++ ../x\n");
    sh(dir, "add", "-A");
    sh(dir, "commit", "-q", "-m", "sql");
    const patch = patchFor(dir, () => write(dir, "db.sql", "select 1;\n++ ../y\n"));
    expect(patch).toContain("\n--- /usr/bin\n");
    await applyPatch(patch, dir, { branch: "sql" });
    expect(read(dir, "db.sql")).toBe("select 1;\n++ ../y\n");
  });

  it("refuses a dirty tree, untracked files included, and changes nothing", async () => {
    const dir = repo();
    const patch = patchFor(dir, () => write(dir, "src/app.ts", "x\n"));
    write(dir, "notes.md", "mine\n");
    const before = snapshot(dir);
    const err = await refusal(applyPatch(patch, dir));
    expect(err.code).toBe("conflict");
    expect(err.message).toBe("The repository has uncommitted changes (notes.md); commit or stash them first.");
    expect(snapshot(dir)).toEqual(before);
  });

  it.each([
    ["b/../outside", "The patch touches a path it may not: “b/../outside” leaves the repository (“..” is not allowed)."],
    ["/etc/passwd", "The patch touches a path it may not: “/etc/passwd” is absolute; give a path relative to the repository."],
    ["b/.git/hooks/pre-commit", "The patch touches a path it may not: “.git/hooks/pre-commit” is inside .git, which agents may not touch."],
  ])("refuses a patch that writes %s, and changes nothing", async (name, message) => {
    const dir = repo();
    const before = snapshot(dir);
    const patch = ["--- /dev/null", `+++ ${name}`, "@@ -0,0 +1 @@", "+evil", ""].join("\n");
    const err = await refusal(applyPatch(patch, dir));
    expect(err.message).toBe(message);
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses a patch that does not apply, with git's reason, and changes nothing", async () => {
    const dir = repo();
    const before = snapshot(dir);
    const patch = ["--- a/src/app.ts", "+++ b/src/app.ts", "@@ -1,2 +1,2 @@", " export const a = 1;", "-export const b = 99;", "+export const b = 4;", ""].join("\n");
    const err = await refusal(applyPatch(patch, dir));
    expect(err.code).toBe("invalid");
    expect(err.message).toBe("The patch does not apply: patch failed: src/app.ts:1; src/app.ts: patch does not apply");
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses an empty patch, a patch naming no files, and a symlink", async () => {
    const dir = repo();
    expect((await refusal(applyPatch("  \n", dir))).message).toBe("The patch is empty.");
    expect((await refusal(applyPatch("hello\n", dir))).message).toBe("The patch names no files; give a unified diff (`git diff` output).");
    const link = ["diff --git a/l b/l", "new file mode 120000", "--- /dev/null", "+++ b/l", "@@ -0,0 +1 @@", "+/etc", "\\ No newline at end of file", ""].join("\n");
    expect((await refusal(applyPatch(link, dir))).message).toBe("The patch adds a symbolic link or a submodule, which agents may not do.");
  });

  it("refuses a bad or existing branch name, and a bad author email", async () => {
    const dir = repo();
    const patch = patchFor(dir, () => write(dir, "src/app.ts", "x\n"));
    const before = snapshot(dir);
    expect((await refusal(applyPatch(patch, dir, { branch: "main" }))).message).toBe("A branch named “main” already exists; choose another name.");
    expect((await refusal(applyPatch(patch, dir, { branch: "bad..name" }))).message).toBe("“bad..name” is not a valid branch name.");
    expect((await refusal(applyPatch(patch, dir, { branch: "-D" }))).code).toBe("invalid");
    expect((await refusal(applyPatch(patch, dir, { author: { name: "Eve", email: "eve <e@x>" } }))).message).toBe("“eve <e@x>” is not an email address git can use.");
    expect(snapshot(dir)).toEqual(before);
  });

  it("cleans angle brackets and line breaks out of the author's name", async () => {
    const dir = repo();
    const patch = patchFor(dir, () => write(dir, "src/app.ts", "x\n"));
    await applyPatch(patch, dir, { author: { name: "Eve <evil>\nSigned-off-by: x", email: "eve@x.org" } });
    expect(sh(dir, "log", "-1", "--format=%an <%ae>").trim()).toBe("Eve evil Signed-off-by: x <eve@x.org>");
  });

  it.each(["checkout -q -b", "apply --index", "commit", "diff-tree"])("restores the repository when %s fails after the checks", async (step) => {
    const dir = repo();
    const patch = patchFor(dir, () => {
      write(dir, "src/app.ts", "changed\n");
      write(dir, "src/added.ts", "new\n");
    });
    const before = snapshot(dir);
    fault.on = step;
    const err = await refusal(applyPatch(patch, dir, { branch: "doomed" }));
    expect(err.code).toBe("conflict");
    expect(err.message).toBe("The patch could not be committed (injected failure); the repository was left as it was.");
    fault.on = null;
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(path.join(dir, "src/added.ts"))).toBe(false);
  });

  it("restores the repository when git cannot make the branch (a real failure, no injection)", async () => {
    const dir = repo();
    sh(dir, "branch", "tandem");
    const patch = patchFor(dir, () => write(dir, "src/app.ts", "changed\n"));
    const before = snapshot(dir);
    const err = await refusal(applyPatch(patch, dir, { branch: "tandem/x" }));
    expect(err.message).toMatch(/^The patch could not be committed \(.*tandem\/x.*\); the repository was left as it was\.$/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("restores a detached HEAD as detached", async () => {
    const dir = repo();
    sh(dir, "checkout", "-q", "--detach");
    const patch = patchFor(dir, () => write(dir, "src/app.ts", "changed\n"));
    const before = snapshot(dir);
    fault.on = "commit";
    await refusal(applyPatch(patch, dir));
    fault.on = null;
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("patchPaths", () => {
  it("reads git headers, quoted names, renames and traditional timestamps", () => {
    const patch = [
      'diff --git "a/tab\\there" "b/tab\\there"',
      "diff --git a/x y b/x y",
      "rename from old/name.ts",
      "rename to new/name.ts",
      "--- a/plain.c\t2024-01-01 10:00:00",
      "+++ /dev/null",
    ].join("\n");
    expect(patchPaths(patch)).toEqual([
      { raw: "a/tab\there", prefixed: true },
      { raw: "b/tab\there", prefixed: true },
      { raw: "a/x y", prefixed: true },
      { raw: "b/x y", prefixed: true },
      { raw: "old/name.ts", prefixed: false },
      { raw: "new/name.ts", prefixed: false },
      { raw: "a/plain.c", prefixed: true },
    ]);
  });
});
