import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { allowedRoots, isInside, resolveRepo, safeRepoPath } from "./repo-paths";
import { refusal } from "./testing";

const tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), "tandem-repo-paths-")));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function gitInit(dir: string) {
  mkdirSync(dir, { recursive: true });
  execFileSync("git", ["init", "-q", dir]);
}

// Layout: roots/a holds repo "app" (with src/) and "plain" (no git); outside/ is beyond every root;
// wrapped/ is a repository whose sub-folder inner-root is a root of its own.
const rootA = path.join(tmp, "roots", "a");
const rootB = path.join(tmp, "roots", "b");
const outside = path.join(tmp, "outside");
const wrapped = path.join(tmp, "wrapped");
const innerRoot = path.join(wrapped, "inner-root");
gitInit(path.join(rootA, "app"));
mkdirSync(path.join(rootA, "app", "src"), { recursive: true });
writeFileSync(path.join(rootA, "app", "src", "main.ts"), "export {};\n");
mkdirSync(path.join(rootA, "plain"), { recursive: true });
gitInit(path.join(rootB, "other"));
gitInit(outside);
gitInit(wrapped);
mkdirSync(path.join(innerRoot, "project"), { recursive: true });
symlinkSync(outside, path.join(rootA, "escape"));
symlinkSync(outside, path.join(rootA, "app", "link-out"));
symlinkSync(path.join(outside, "missing"), path.join(rootA, "app", "dangling-out"));
const roots = [rootA, rootB];

describe("resolveRepo", () => {
  it("resolves a path relative to a root, and to the second root when the first lacks it", async () => {
    expect(await resolveRepo("app", roots)).toEqual({ repoRoot: path.join(rootA, "app"), focus: "." });
    expect(await resolveRepo("app/src", roots)).toEqual({ repoRoot: path.join(rootA, "app"), focus: "src" });
    expect(await resolveRepo("other", roots)).toEqual({ repoRoot: path.join(rootB, "other"), focus: "." });
  });

  it("resolves an absolute path, and a file's focus is the file", async () => {
    const file = path.join(rootA, "app", "src", "main.ts");
    expect(await resolveRepo(file, roots)).toEqual({ repoRoot: path.join(rootA, "app"), focus: "src/main.ts" });
  });

  it("says when nothing is there, naming only the target and the roots", async () => {
    const err = await refusal(resolveRepo("nope", roots));
    expect(err.code).toBe("not_found");
    expect(err.message).toBe("A repository at “nope” under the allowed roots was not found.");
  });

  it("refuses an absolute path outside the roots", async () => {
    const err = await refusal(resolveRepo(outside, roots));
    expect(err.message).toBe(`“${outside}” is outside the allowed repository roots.`);
  });

  it("refuses a symlink inside a root that points outside", async () => {
    expect((await refusal(resolveRepo("escape", roots))).message).toBe("“escape” is outside the allowed repository roots.");
    expect((await refusal(resolveRepo(path.join(rootA, "app", "link-out"), roots))).code).toBe("invalid");
  });

  it("refuses .. that climbs out of the roots", async () => {
    const err = await refusal(resolveRepo("../../outside", roots));
    expect(err.message).toBe("“../../outside” is outside the allowed repository roots.");
  });

  it("refuses a folder that is not in a git repository", async () => {
    const err = await refusal(resolveRepo("plain", roots));
    expect(err.message).toBe("“plain” is not inside a git repository: name a repository folder under the allowed roots, like “shop” or “shop/src”.");
  });

  it("refuses a folder under a root whose repository starts above the root", async () => {
    const err = await refusal(resolveRepo("project", [innerRoot]));
    expect(err.message).toBe("“project” is outside the allowed repository roots.");
  });

  it("refuses an empty target and a NUL byte", async () => {
    expect((await refusal(resolveRepo("  ", roots))).code).toBe("invalid");
    expect((await refusal(resolveRepo("app\0", roots))).code).toBe("invalid");
  });
});

describe("allowedRoots", () => {
  const saved = { roots: process.env.TANDEM_REPO_ROOTS, data: process.env.TANDEM_DATA_DIR };
  afterEach(() => {
    for (const [key, value] of [
      ["TANDEM_REPO_ROOTS", saved.roots],
      ["TANDEM_DATA_DIR", saved.data],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it("reads TANDEM_REPO_ROOTS split by the path delimiter or commas, dropping missing roots", () => {
    process.env.TANDEM_REPO_ROOTS = `${rootA}${path.delimiter}${path.join(tmp, "missing")}, ${rootB},${rootA}`;
    expect(allowedRoots()).toEqual([rootA, rootB]);
  });

  it("resolves symlinked roots to their real path", () => {
    process.env.TANDEM_REPO_ROOTS = path.join(rootA, "escape");
    expect(allowedRoots()).toEqual([outside]);
  });

  it("defaults to <data dir>/repos, created when missing", () => {
    delete process.env.TANDEM_REPO_ROOTS;
    process.env.TANDEM_DATA_DIR = path.join(tmp, "data");
    expect(allowedRoots()).toEqual([path.join(tmp, "data", "repos")]);
  });
});

describe("safeRepoPath", () => {
  const repo = path.join(rootA, "app");

  it("normalizes to forward slashes without . segments", () => {
    expect(safeRepoPath(repo, "src/main.ts")).toBe("src/main.ts");
    expect(safeRepoPath(repo, "./src//new/file.ts")).toBe("src/new/file.ts");
    expect(safeRepoPath(repo, "src\\main.ts")).toBe("src/main.ts");
    expect(safeRepoPath(repo, ".")).toBe(".");
  });

  it.each([
    ["", "A path inside the repository is required."],
    ["/etc/passwd", "“/etc/passwd” is absolute; give a path relative to the repository."],
    ["C:\\x", "“C:\\x” is absolute; give a path relative to the repository."],
    ["../outside/x", "“../outside/x” leaves the repository (“..” is not allowed)."],
    ["src/../../x", "“src/../../x” leaves the repository (“..” is not allowed)."],
    ["src\\..\\x", "“src\\..\\x” leaves the repository (“..” is not allowed)."],
    ["a\0b", "“a\\0b” contains a NUL byte."],
    [".git/hooks/pre-commit", "“.git/hooks/pre-commit” is inside .git, which agents may not touch."],
    ["link-out/x", "“link-out/x” leaves the repository through a symbolic link."],
    ["link-out", "“link-out” leaves the repository through a symbolic link."],
    ["dangling-out", "“dangling-out” leaves the repository through a symbolic link."],
  ])("refuses %j", (rel, message) => {
    expect(() => safeRepoPath(repo, rel)).toThrow(message);
  });

  it("accepts paths that do not exist yet", () => {
    expect(safeRepoPath(repo, "src/brand/new.ts")).toBe("src/brand/new.ts");
  });
});

describe("isInside", () => {
  it("treats equal paths as inside and ..-prefixed names as inside", () => {
    expect(isInside("/a/b", "/a/b")).toBe(true);
    expect(isInside("/a/b", "/a/b/..c")).toBe(true);
    expect(isInside("/a/b", "/a/bc")).toBe(false);
    expect(isInside("/a/b", "/a")).toBe(false);
  });
});
