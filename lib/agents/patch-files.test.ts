import { describe, expect, it } from "vitest";
import { filesBeyondPlan, parsePatchFiles, splitPatch } from "./patch-files";
import type { Plan } from "./types";

const step = (files: string[]): Plan["steps"][number] => ({ title: "Step", description: "", risk: "low", estimate_minutes: 5, files });
const plan = (...files: string[][]): Plan => ({ summary: "A plan", steps: files.map(step), risks: [] });

const gitPatch = [
  "diff --git a/lib/format.ts b/lib/format.ts",
  "index 1111111..2222222 100644",
  "--- a/lib/format.ts",
  "+++ b/lib/format.ts",
  "@@ -1,3 +1,4 @@",
  " export function a() {}",
  "-export function b() {}",
  "+export function b(x: number) {}",
  "+export function c() {}",
  " export function d() {}",
  "diff --git a/lib/format.test.ts b/lib/format.test.ts",
  "new file mode 100644",
  "index 0000000..3333333",
  "--- /dev/null",
  "+++ b/lib/format.test.ts",
  "@@ -0,0 +1,2 @@",
  '+import { c } from "./format";',
  "+--- this line only looks like a header",
  "diff --git a/README.md b/README.md",
  "deleted file mode 100644",
  "--- a/README.md",
  "+++ /dev/null",
  "@@ -1 +0,0 @@",
  "-# Old readme",
  "",
].join("\n");

describe("parsePatchFiles", () => {
  it("lists each file of a git diff with its status and line counts", () => {
    expect(parsePatchFiles(gitPatch)).toEqual([
      { path: "lib/format.ts", oldPath: null, status: "modified", additions: 2, deletions: 1 },
      { path: "lib/format.test.ts", oldPath: null, status: "added", additions: 2, deletions: 0 },
      { path: "README.md", oldPath: null, status: "deleted", additions: 0, deletions: 1 },
    ]);
  });

  it("reads plain unified diffs without a git header, and timestamps after a tab", () => {
    const plain = ["--- a/src/x.ts\t2026-01-01", "+++ b/src/x.ts\t2026-01-02", "@@ -1 +1 @@", "-a", "+b", "--- a/src/y.ts", "+++ b/src/y.ts", "@@ -2,0 +3 @@", "+c"].join("\n");
    expect(parsePatchFiles(plain).map((f) => [f.path, f.additions, f.deletions])).toEqual([
      ["src/x.ts", 1, 1],
      ["src/y.ts", 1, 0],
    ]);
  });

  it("names renames under both paths, even without hunks", () => {
    const rename = ["diff --git a/old name.ts b/new name.ts", "similarity index 100%", "rename from old name.ts", "rename to new name.ts"].join("\n");
    expect(parsePatchFiles(rename)).toEqual([{ path: "new name.ts", oldPath: "old name.ts", status: "renamed", additions: 0, deletions: 0 }]);
  });

  it("splits a git header with spaces in equal names, and unquotes quoted ones", () => {
    expect(parsePatchFiles("diff --git a/my dir/a b.ts b/my dir/a b.ts\nindex 1..2 100644\n")[0]?.path).toBe("my dir/a b.ts");
    expect(parsePatchFiles('diff --git "a/t\\"q.ts" "b/t\\"q.ts"\n')[0]?.path).toBe('t"q.ts');
  });

  it("is empty for no patch", () => {
    expect(parsePatchFiles(null)).toEqual([]);
    expect(parsePatchFiles("")).toEqual([]);
  });
});

describe("filesBeyondPlan", () => {
  it("flags the files no step lists", () => {
    expect(filesBeyondPlan(plan(["lib/format.ts"]), gitPatch)).toEqual(["lib/format.test.ts", "README.md"]);
  });

  it("accepts ./ prefixes and folders in the plan", () => {
    expect(filesBeyondPlan(plan(["./lib/"], ["README.md"]), gitPatch)).toEqual([]);
    expect(filesBeyondPlan(plan(["lib/form"]), gitPatch)).toEqual(["lib/format.ts", "lib/format.test.ts", "README.md"]);
  });

  it("counts a rename as planned under either name", () => {
    const rename = "diff --git a/a.ts b/b.ts\nrename from a.ts\nrename to b.ts\n";
    expect(filesBeyondPlan(plan(["a.ts"]), rename)).toEqual([]);
    expect(filesBeyondPlan(plan(["b.ts"]), rename)).toEqual([]);
    expect(filesBeyondPlan(plan(["c.ts"]), rename)).toEqual(["b.ts"]);
  });

  it("flags nothing without a patch, and everything without a plan", () => {
    expect(filesBeyondPlan(plan(["x"]), null)).toEqual([]);
    expect(filesBeyondPlan(null, gitPatch)).toHaveLength(3);
  });
});

describe("splitPatch", () => {
  it("cuts a patch into per-file texts, giving plain diffs a git header", () => {
    const plain = ["--- a/src/x.ts", "+++ b/src/x.ts", "@@ -1 +1 @@", "-a", "+b", "--- /dev/null", "+++ b/src/y.ts", "@@ -0,0 +1 @@", "+c", ""].join("\n");
    expect(splitPatch(plain).map((s) => s.text)).toEqual([
      "diff --git a/src/x.ts b/src/x.ts\n--- a/src/x.ts\n+++ b/src/x.ts\n@@ -1 +1 @@\n-a\n+b\n",
      "diff --git a/src/y.ts b/src/y.ts\n--- /dev/null\n+++ b/src/y.ts\n@@ -0,0 +1 @@\n+c\n",
    ]);
    expect(splitPatch(gitPatch).map((s) => s.text.split("\n")[0])).toEqual([
      "diff --git a/lib/format.ts b/lib/format.ts",
      "diff --git a/lib/format.test.ts b/lib/format.test.ts",
      "diff --git a/README.md b/README.md",
    ]);
  });
});
