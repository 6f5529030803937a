import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { buildContext, relatedTests } from "./context";
import { numstat } from "./git";
import { type ContextBundle, type SessionMessage, estimateTokens } from "./types";

const tmp = mkdtempSync(path.join(os.tmpdir(), "tandem-context-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function repo(files: Record<string, string | Buffer>): { dir: string; write: (name: string, content: string | Buffer) => void } {
  const dir = path.join(tmp, `r${n++}`);
  const write = (name: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  };
  mkdirSync(dir);
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  for (const [name, content] of Object.entries(files)) write(name, content);
  if (Object.keys(files).length) {
    execFileSync("git", ["add", "-A"], { cwd: dir });
    execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@x", "commit", "-q", "-m", "init"], { cwd: dir });
  }
  return { dir, write };
}

const lines = (count: number, tag: string) => Array.from({ length: count }, (_, i) => `${tag} line ${i}`).join("\n") + "\n";

// src/foo.ts changes (its test is related), docs/ is the focus candidate, and there is filler for the tree.
function sample() {
  const files: Record<string, string | Buffer> = {
    "src/foo.ts": lines(40, "foo"),
    "src/foo.test.ts": lines(30, "foo test"),
    "src/bar.ts": lines(20, "bar"),
    "docs/guide.md": lines(10, "guide"),
    "img/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]),
    ".gitignore": "secret.env\n",
  };
  for (let i = 0; i < 50; i++) files[`pkg/m${i}/index.ts`] = `export const m${i} = ${i};\n`;
  const r = repo(files);
  r.write("src/foo.ts", lines(40, "foo").replace("foo line 3\n", "changed 3\n") + "added\n");
  r.write("src/bar.ts", lines(25, "bar"));
  r.write("notes.txt", "untracked notes\n");
  r.write("secret.env", "TOKEN=abc\n");
  return r;
}

/** What the bundle's parts cost, counted the way buildContext counts them. */
function partsCost(b: ContextBundle): number {
  const msgs = b.messages.reduce((s, m) => s + estimateTokens(`${m.role} ${m.verb} ${m.at}\n${m.content}`), 0);
  const tree = b.tree.reduce((s, e) => s + estimateTokens(`${e.path} ${e.size}\n`), 0);
  const diffText = b.diff ? estimateTokens(b.diff.text) : 0;
  return msgs + tree + b.files.reduce((s, f) => s + f.tokens, 0) + diffText;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const message = (i: number, size: number): SessionMessage => ({ role: i % 2 ? "agent" : "user", verb: "said", content: `m${i} ${"x".repeat(size)}`, at: "2025-01-01T00:00:00Z" });

describe("buildContext", () => {
  it("never spends more than the budget, at any size", async () => {
    const { dir } = sample();
    const messages = Array.from({ length: 30 }, (_, i) => message(i, 200));
    for (const budgetTokens of [1, 20, 100, 500, 1000, 3000, 8000, 50_000]) {
      const b = await buildContext(dir, { budgetTokens, messages, paths: ["docs/guide.md"] });
      expect(b.budget.tokens).toBe(budgetTokens);
      expect(b.budget.used).toBeLessThanOrEqual(budgetTokens);
      expect(b.budget.used).toBe(partsCost(b));
    }
  });

  it("diffs the working tree against HEAD by default, with numstat's figures", async () => {
    const { dir } = sample();
    const b = await buildContext(dir, { budgetTokens: 50_000 });
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8" }).trim();
    expect(b.head).toBe(head);
    expect(b.branch).toBe("main");
    expect(b.diff?.base).toBe(head);
    expect(b.diff?.truncated).toBe(false);
    expect(b.diff?.files).toEqual([
      { path: "src/bar.ts", status: "modified", additions: 5, deletions: 0 },
      { path: "src/foo.ts", status: "modified", additions: 2, deletions: 1 },
    ]);
    const stats = await numstat(dir, "HEAD");
    expect(b.diff?.files.map((f) => [f.path, f.additions, f.deletions])).toEqual(stats.map((s) => [s.path, s.additions, s.deletions]));
    expect(b.diff?.text).toContain("+changed 3");
  });

  it("includes changed files, untracked ones too, and a changed file's test as related; never ignored files", async () => {
    const { dir } = sample();
    const b = await buildContext(dir, { budgetTokens: 50_000 });
    const byPath = Object.fromEntries(b.files.map((f) => [f.path, f.reason]));
    expect(byPath).toMatchObject({ "src/bar.ts": "changed", "src/foo.ts": "changed", "notes.txt": "changed", "src/foo.test.ts": "related" });
    expect(b.files.find((f) => f.path === "src/foo.ts")?.content).toContain("changed 3\n");
    expect(b.tree.map((e) => e.path)).not.toContain("secret.env");
    expect(b.files.map((f) => f.path)).not.toContain("secret.env");
  });

  it("cuts the diff at a file boundary and says so", async () => {
    const { dir } = sample();
    const b = await buildContext(dir, { budgetTokens: 130 });
    expect(b.diff?.truncated).toBe(true);
    expect(b.diff?.files.map((f) => f.path)).toEqual(["src/bar.ts"]);
    expect(b.diff?.text.startsWith("diff --git a/src/bar.ts b/src/bar.ts\n")).toBe(true);
    expect(b.diff?.text).not.toContain("src/foo.ts");
  });

  it("puts requested files first and cuts the last one that does not fit", async () => {
    const { dir } = sample();
    const b = await buildContext(dir, { budgetTokens: 200, diffBase: "HEAD", paths: ["docs", "src/foo.test.ts"] });
    expect(b.files[0]).toMatchObject({ path: "docs/guide.md", reason: "requested", truncated: false });
    // The diff takes up to half first (one of its two files), so the second requested file only partly fits.
    expect(b.diff?.truncated).toBe(true);
    expect(b.files[1]).toMatchObject({ path: "src/foo.test.ts", reason: "requested", truncated: true });
    expect(b.files[1]!.content.endsWith("\n")).toBe(true);
    expect(b.budget.used).toBeLessThanOrEqual(200);
  });

  it("gives the diff half the budget first, and the rest of it after the files", async () => {
    const { dir } = repo({ "gone1.txt": lines(20, "one"), "gone2.txt": lines(20, "two"), "keep.txt": "k\n" });
    rmSync(path.join(dir, "gone1.txt"));
    rmSync(path.join(dir, "gone2.txt"));
    const b = await buildContext(dir, { budgetTokens: 300 });
    // Each deletion is about 95 tokens: only one fits in the first half, the other once files are done.
    expect(b.diff?.files.map((f) => [f.path, f.status])).toEqual([
      ["gone1.txt", "deleted"],
      ["gone2.txt", "deleted"],
    ]);
    expect(b.diff?.truncated).toBe(false);
    expect(b.diff?.text.indexOf("gone1.txt")).toBeLessThan(b.diff!.text.indexOf("gone2.txt"));
  });

  it("orders the tree by focus first and counts every file", async () => {
    const { dir } = sample();
    const b = await buildContext(dir, { budgetTokens: 30_000, focus: "pkg/m7", diffBase: "HEAD" });
    expect(b.focus).toBe("pkg/m7");
    expect(b.tree[0]).toEqual({ path: "pkg/m7/index.ts", size: "export const m7 = 7;\n".length });
    expect(b.treeTotal).toBe(57);
    expect(b.treeTruncated).toBe(false);
    expect(b.files.find((f) => f.path === "pkg/m7/index.ts")?.reason).toBe("related");
  });

  it("refuses requested paths outside the repository, ignored or missing", async () => {
    const { dir } = sample();
    symlinkSync(tmp, path.join(dir, "link-out"));
    expect((await refusal(buildContext(dir, { paths: ["../x"] }))).message).toBe("“../x” leaves the repository (“..” is not allowed).");
    expect((await refusal(buildContext(dir, { paths: ["/etc/passwd"] }))).code).toBe("invalid");
    expect((await refusal(buildContext(dir, { paths: ["link-out/r0"] }))).message).toContain("symbolic link");
    expect((await refusal(buildContext(dir, { paths: ["secret.env"] }))).message).toBe(
      "“secret.env” is not a file or folder in the repository (ignored and missing files are never sent).",
    );
    expect((await refusal(buildContext(dir, { focus: "nowhere" }))).code).toBe("invalid");
  });

  it("refuses a diff base that is an option, a range or not a commit", async () => {
    const { dir } = sample();
    expect((await refusal(buildContext(dir, { diffBase: "--output=/tmp/x" }))).message).toBe(
      "“--output=/tmp/x” is not a valid diff base; give a branch, tag or commit.",
    );
    expect((await refusal(buildContext(dir, { diffBase: "HEAD..main" }))).code).toBe("invalid");
    expect((await refusal(buildContext(dir, { diffBase: "nope" }))).message).toBe("“nope” is not a commit in this repository.");
  });

  it("refuses a budget out of range", async () => {
    const { dir } = sample();
    expect((await refusal(buildContext(dir, { budgetTokens: 200_001 }))).code).toBe("invalid");
    expect((await refusal(buildContext(dir, { budgetTokens: 0 }))).code).toBe("invalid");
  });

  it("skips binary files and files over 1 MB, even when requested", async () => {
    const { dir, write } = sample();
    write("big.txt", "y".repeat(1024 * 1024 + 1));
    write("img/logo.png", Buffer.from([0x89, 0x50, 0, 9, 9]));
    const b = await buildContext(dir, { budgetTokens: 200_000, paths: ["img/logo.png", "big.txt"] });
    expect(b.files.map((f) => f.path)).not.toContain("img/logo.png");
    expect(b.files.map((f) => f.path)).not.toContain("big.txt");
    expect(b.tree.map((e) => e.path)).toContain("img/logo.png");
  });

  it("keeps the most recent messages that fit, oldest first", async () => {
    const { dir } = sample();
    const messages = Array.from({ length: 20 }, (_, i) => message(i, 390));
    const b = await buildContext(dir, { budgetTokens: 2000, messages });
    // A quarter of 2,000 tokens holds four of these ~110-token messages.
    expect(b.messages.map((m) => m.content.split(" ")[0])).toEqual(["m16", "m17", "m18", "m19"]);
  });

  it("has no diff in a repository without commits", async () => {
    const { dir, write } = repo({});
    write("a.ts", "x\n");
    const b = await buildContext(dir, {});
    expect(b.head).toBeNull();
    expect(b.diff).toBeNull();
    expect(b.files).toEqual([{ path: "a.ts", content: "x\n", truncated: false, tokens: estimateTokens("a.ts\nx\n"), reason: "changed" }]);
  });
});

describe("relatedTests", () => {
  const files = new Set([
    "src/foo.ts",
    "src/foo.test.ts",
    "src/__tests__/foo.ts",
    "app/views.py",
    "app/test_views.py",
    "tests/app/test_views.py",
    "pkg/x.go",
    "pkg/x_test.go",
    "src/main/java/a/Foo.java",
    "src/test/java/a/FooTest.java",
  ]);
  it.each([
    ["src/foo.ts", ["src/foo.test.ts", "src/__tests__/foo.ts"]],
    ["src/foo.test.ts", ["src/foo.ts"]],
    ["app/views.py", ["app/test_views.py", "tests/app/test_views.py"]],
    ["pkg/x.go", ["pkg/x_test.go"]],
    ["src/main/java/a/Foo.java", ["src/test/java/a/FooTest.java"]],
  ])("%s → %j", (file, expected) => {
    expect(relatedTests(file, files)).toEqual(expected);
  });
});
